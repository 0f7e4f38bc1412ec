import { Button, Spin, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  HomeOutlined,
  FileAddOutlined,
  FileTextOutlined,
  TrophyOutlined,
  AuditOutlined,
  IdcardOutlined,
  CalendarOutlined,
  TeamOutlined,
  SolutionOutlined,
  MessageOutlined,
  MoneyCollectOutlined,
  BankOutlined,
  UserAddOutlined,
  MailOutlined,
  GlobalOutlined,
  UserOutlined,
  LogoutOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  ShopOutlined,
  UsergroupAddOutlined,
  ScheduleOutlined,
  SafetyCertificateOutlined,
  FileSearchOutlined,
  DashboardOutlined,
  AccountBookOutlined,
  SettingOutlined,
  BarChartOutlined,
  BookOutlined,
  LeftOutlined,
  RightOutlined,
} from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { adminApi } from '../api/admin';
import { useAuth } from '../auth';
import { ROLE_NAMES, useI18n } from '../i18n';
import type { Role } from '../api';

// the menus and the inbox badge come in chunks of their own: the login page and the public home load without them (P6)
const Menu = lazy(() => import('antd/es/menu'));
const Dropdown = lazy(() => import('antd/es/dropdown'));
const Tag = lazy(() => import('antd/es/tag'));
const InboxBell = lazy(() => import('./InboxBell').then((m) => ({ default: m.InboxBell })));

const NARROW = window.matchMedia('(max-width: 991.98px)');

interface NavItem {
  key: string; // the path
  testId: string;
  icon: ReactNode;
  zh: string;
  en: string;
  roles: Role[] | 'public';
  /** Not a page of the app: the item runs this instead of navigating. */
  onClick?: () => void;
  /** A public item shown only to a visitor who is not logged in (a logged-in user has their own). */
  guestOnly?: boolean;
}

/**
 * The queue dashboard (bull-board) in a new tab, opened with the admin's session: POST /api/admin/queues/session sets
 * an HttpOnly cookie scoped to /admin/queues (no token in a URL). The tab is opened first (a popup blocker lets a
 * click's own window through), then pointed at the dashboard once the cookie is set.
 */
export function openQueueDashboard() {
  const tab = window.open('about:blank', '_blank');
  adminApi.queueSession().then(
    () => {
      if (tab) tab.location.href = '/admin/queues';
      else window.location.assign('/admin/queues');
    },
    () => tab?.close(),
  );
}

/** The side menu: each entry shows for the roles that use it. */
export const NAV: NavItem[] = [
  {
    key: '/',
    testId: 'menu-public-home',
    icon: <HomeOutlined />,
    zh: '首页',
    en: 'Home',
    roles: 'public',
    guestOnly: true,
  },
  {
    key: '/calls',
    testId: 'menu-public-calls',
    icon: <FileAddOutlined />,
    zh: '开放申报',
    en: 'Open calls',
    roles: 'public',
    guestOnly: true,
  },
  {
    key: '/',
    testId: 'menu-home',
    icon: <HomeOutlined />,
    zh: '首页',
    en: 'Home',
    roles: ['applicant', 'expert', 'officer', 'finance', 'admin'],
  },
  {
    key: '/calls',
    testId: 'menu-calls',
    icon: <FileAddOutlined />,
    zh: '开放申报',
    en: 'Open calls',
    roles: ['applicant'],
  },
  {
    key: '/applications',
    testId: 'menu-applications',
    icon: <FileTextOutlined />,
    zh: '我的申报',
    en: 'My applications',
    roles: ['applicant'],
  },
  {
    key: '/my/awards',
    testId: 'menu-my-awards',
    icon: <TrophyOutlined />,
    zh: '立项与拨付',
    en: 'Awards and payments',
    roles: ['applicant'],
  },
  {
    key: '/company',
    testId: 'menu-company',
    icon: <ShopOutlined />,
    zh: '本单位',
    en: 'My organization',
    roles: ['applicant'],
  },
  {
    key: '/reviews',
    testId: 'menu-reviews',
    icon: <AuditOutlined />,
    zh: '评审任务',
    en: 'My reviews',
    roles: ['expert'],
  },
  {
    key: '/expert/profile',
    testId: 'menu-expert-profile',
    icon: <IdcardOutlined />,
    zh: '专家档案',
    en: 'Expert profile',
    roles: ['expert'],
  },
  {
    key: '/officer/calls',
    testId: 'menu-officer-calls',
    icon: <CalendarOutlined />,
    zh: '申报批次',
    en: 'Calls',
    roles: ['officer'],
  },
  {
    key: '/officer/applications',
    testId: 'menu-officer-applications',
    icon: <SolutionOutlined />,
    zh: '申报审查',
    en: 'Applications',
    roles: ['officer'],
  },
  {
    key: '/officer/experts',
    testId: 'menu-officer-experts',
    icon: <TeamOutlined />,
    zh: '专家库',
    en: 'Expert pool',
    roles: ['officer'],
  },
  {
    key: '/officer/objections',
    testId: 'menu-officer-objections',
    icon: <MessageOutlined />,
    zh: '异议处理',
    en: 'Objections',
    roles: ['officer'],
  },
  {
    key: '/officer/awards',
    testId: 'menu-officer-awards',
    icon: <TrophyOutlined />,
    zh: '立项管理',
    en: 'Awards',
    roles: ['officer'],
  },
  {
    key: '/officer/followup',
    testId: 'menu-officer-followup',
    icon: <AuditOutlined />,
    zh: '立项后管理',
    en: 'After the award',
    roles: ['officer'],
  },
  {
    key: '/finance/payments',
    testId: 'menu-finance-payments',
    icon: <MoneyCollectOutlined />,
    zh: '拨付管理',
    en: 'Instalments',
    roles: ['finance'],
  },
  {
    key: '/finance/batches',
    testId: 'menu-finance-batches',
    icon: <BankOutlined />,
    zh: '拨付批次',
    en: 'Payment batches',
    roles: ['finance'],
  },
  {
    key: '/finance/ledgers',
    testId: 'menu-finance-ledgers',
    icon: <AccountBookOutlined />,
    zh: '资金台账',
    en: 'Ledgers',
    roles: ['finance'],
  },
  {
    key: '/admin/users/new',
    testId: 'menu-admin-users',
    icon: <UserAddOutlined />,
    zh: '创建用户',
    en: 'Create user',
    roles: ['admin'],
  },
  {
    key: '/admin/agencies',
    testId: 'menu-admin-agencies',
    icon: <ApartmentOutlined />,
    zh: '主管部门',
    en: 'Agencies',
    roles: ['admin'],
  },
  {
    key: '/admin/organizations',
    testId: 'menu-admin-organizations',
    icon: <ShopOutlined />,
    zh: '申报单位',
    en: 'Organizations',
    roles: ['admin'],
  },
  {
    key: '/admin/users',
    testId: 'menu-admin-user-list',
    icon: <UsergroupAddOutlined />,
    zh: '用户管理',
    en: 'Users',
    roles: ['admin'],
  },
  {
    key: '/admin/calendar',
    testId: 'menu-admin-calendar',
    icon: <ScheduleOutlined />,
    zh: '节假日安排',
    en: 'Holiday calendar',
    roles: ['admin'],
  },
  {
    key: '/admin/credit-code-exceptions',
    testId: 'menu-admin-credit-codes',
    icon: <SafetyCertificateOutlined />,
    zh: '信用代码例外',
    en: 'Credit-code exceptions',
    roles: ['admin'],
  },
  {
    key: '/admin/audit',
    testId: 'menu-admin-audit',
    icon: <FileSearchOutlined />,
    zh: '审计日志',
    en: 'Audit log',
    roles: ['admin'],
  },
  {
    key: '/admin/queues',
    testId: 'menu-admin-queues',
    icon: <DashboardOutlined />,
    zh: '队列监控',
    en: 'Queue dashboard',
    roles: ['admin'],
    onClick: openQueueDashboard,
  },
  {
    key: '/admin/outbox',
    testId: 'menu-admin-outbox',
    icon: <MailOutlined />,
    zh: '邮件发件箱',
    en: 'Mail outbox',
    roles: ['admin'],
  },
  {
    key: '/officer/statistics',
    testId: 'menu-officer-statistics',
    icon: <BarChartOutlined />,
    zh: '统计分析',
    en: 'Statistics',
    roles: ['officer', 'admin'],
  },
  {
    key: '/public/programs',
    testId: 'menu-public-programs',
    icon: <BookOutlined />,
    zh: '项目介绍',
    en: 'Programs',
    roles: 'public',
  },
  {
    key: '/public/notices',
    testId: 'menu-public-notices',
    icon: <NotificationOutlined />,
    zh: '公示公告',
    en: 'Public notices',
    roles: 'public',
  },
  {
    key: '/public/awards',
    testId: 'menu-public-awards',
    icon: <TrophyOutlined />,
    zh: '公示与名单',
    en: 'Award lists',
    roles: 'public',
  },
  {
    key: '/public/lists',
    testId: 'menu-public-lists',
    icon: <OrderedListOutlined />,
    zh: '推荐名录',
    en: 'Recommendation lists',
    roles: 'public',
  },
  {
    key: '/public/statistics',
    testId: 'menu-public-statistics',
    icon: <BarChartOutlined />,
    zh: '统计数据',
    en: 'Statistics',
    roles: 'public',
  },
];

export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      data-testid="lang-switch"
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      style={{ color: 'inherit' }}
    >
      {lang === 'zh' ? 'English' : '中文'}
    </Button>
  );
}

/**
 * A visitor's side menu (the public pages, all plain links): drawn like antd's inline Menu in plain markup
 * (styles.css, `pp-menu`), so the public home's first download does without the Menu and its overflow machinery (P6).
 */
function VisitorMenu({ items, selected, collapsed }: { items: NavItem[]; selected: string; collapsed: boolean }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('导航', 'Navigation')} data-testid="side-menu">
      <ul className="pp-menu">
        {items.map((n) => (
          <li key={n.key}>
            <Link
              to={n.key}
              data-testid={n.testId}
              className={n.key === selected ? 'pp-menu-item pp-menu-item-selected' : 'pp-menu-item'}
              aria-current={n.key === selected ? 'page' : undefined}
              aria-label={collapsed ? t(n.zh, n.en) : undefined}
              title={collapsed ? t(n.zh, n.en) : undefined}
            >
              <span className="pp-menu-icon" aria-hidden>
                {n.icon}
              </span>
              {collapsed ? null : t(n.zh, n.en)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function AppLayout() {
  const { me, logout } = useAuth();
  const { t, v } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  // antd's Sider breakpoint `lg`: narrower than 992 px the menu starts collapsed, and follows the window across it
  const [collapsed, setCollapsed] = useState(() => NARROW.matches);
  useEffect(() => {
    const follow = (e: MediaQueryListEvent) => setCollapsed(e.matches);
    NARROW.addEventListener('change', follow);
    return () => NARROW.removeEventListener('change', follow);
  }, []);

  const visible = NAV.filter(
    (n) =>
      (n.roles === 'public' && !(n.guestOnly && me)) ||
      (me && n.roles !== 'public' && n.roles.some((r) => me.roles.includes(r))),
  );
  const selected =
    visible
      .map((n) => n.key)
      .filter((k) =>
        k === '/' ? location.pathname === '/' : location.pathname === k || location.pathname.startsWith(k + '/'),
      )
      .sort((a, b) => b.length - a.length)[0] ?? '';

  const items: MenuProps['items'] = visible.map((n) => ({
    key: n.key,
    icon: n.icon,
    label: n.onClick ? (
      <a
        href={n.key}
        data-testid={n.testId}
        onClick={(e) => {
          e.preventDefault();
          n.onClick?.();
        }}
      >
        {t(n.zh, n.en)}
      </a>
    ) : (
      <Link to={n.key} data-testid={n.testId}>
        {t(n.zh, n.en)}
      </Link>
    ),
  }));

  const userMenu: MenuProps['items'] = me
    ? [
        {
          key: 'roles',
          disabled: true,
          label: (
            <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
              {me.roles.map((r) => (
                <Tag key={r}>{v(ROLE_NAMES, r)}</Tag>
              ))}
            </span>
          ),
        },
        { type: 'divider' },
        {
          key: 'account',
          icon: <SettingOutlined />,
          label: (
            <Link to="/account" data-testid="menu-account">
              {t('我的账号', 'My account')}
            </Link>
          ),
        },
        ...(me.roles.includes('applicant')
          ? [
              {
                key: 'company',
                icon: <ShopOutlined />,
                label: (
                  <Link to="/company" data-testid="user-menu-company">
                    {t('本单位', 'My organization')}
                  </Link>
                ),
              },
            ]
          : []),
        {
          key: 'logout',
          icon: <LogoutOutlined />,
          label: <span data-testid="logout">{t('退出登录', 'Log out')}</span>,
          onClick: async () => {
            await logout();
            navigate('/login');
          },
        },
      ]
    : [];

  return (
    // the frame is plain markup in the look of antd's Layout (styles.css, `pp-layout`): every first load paints it, and
    // antd's Layout, Sider and Space would compute their styles in the browser before that paint (P6)
    <div className="pp-layout">
      <header className="pp-header">
        <Link to="/" className="pp-logo" data-testid="logo">
          {t('动漫扶持申报平台', 'Animation Support Portal')}
        </Link>
        <div className="pp-header-tools">
          <LanguageSwitch />
          {me ? (
            <Suspense fallback={null}>
              <InboxBell />
              <Dropdown menu={{ items: userMenu }} trigger={['click']}>
                <Button type="text" icon={<UserOutlined />} style={{ color: '#fff' }} data-testid="user-menu">
                  {me.name}
                </Button>
              </Dropdown>
            </Suspense>
          ) : (
            <>
              <Link to="/login" style={{ color: '#fff' }} data-testid="header-login">
                {t('登录', 'Log in')}
              </Link>
              <Link to="/register" style={{ color: '#fff' }} data-testid="header-register">
                {t('单位注册', 'Register')}
              </Link>
            </>
          )}
        </div>
      </header>
      <div className="pp-body">
        {me ||
        location.pathname === '/' ||
        location.pathname === '/calls' ||
        location.pathname.startsWith('/public') ? (
          <aside className={collapsed ? 'pp-sider pp-sider-collapsed' : 'pp-sider'}>
            <div className="pp-sider-menu">
              {me ? (
                <Suspense fallback={null}>
                  <Menu
                    mode="inline"
                    inlineCollapsed={collapsed}
                    selectedKeys={[selected]}
                    items={items}
                    style={{ borderInlineEnd: 'none' }}
                    data-testid="side-menu"
                  />
                </Suspense>
              ) : (
                <VisitorMenu items={visible} selected={selected} collapsed={collapsed} />
              )}
            </div>
            <button
              type="button"
              className="pp-sider-trigger"
              onClick={() => setCollapsed(!collapsed)}
              aria-expanded={!collapsed}
              aria-label={collapsed ? t('展开菜单', 'Expand the menu') : t('收起菜单', 'Collapse the menu')}
              data-testid="sider-trigger"
            >
              {collapsed ? <RightOutlined aria-hidden /> : <LeftOutlined aria-hidden />}
            </button>
          </aside>
        ) : null}
        <main className="pp-content">
          <div style={{ maxWidth: 1400, margin: '0 auto' }}>
            <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} data-testid="page-loading" />}>
              <Outlet />
            </Suspense>
          </div>
        </main>
      </div>
    </div>
  );
}
