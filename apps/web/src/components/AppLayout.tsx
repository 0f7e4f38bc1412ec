import { Layout, Menu, Button, Dropdown, Space, Spin, Tag, type MenuProps } from 'antd';
import {
  HomeOutlined,
  FileAddOutlined,
  FileTextOutlined,
  TrophyOutlined,
  AuditOutlined,
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
} from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Suspense, type ReactNode } from 'react';
import { useAuth } from '../auth';
import { ROLE_NAMES, useI18n } from '../i18n';
import type { Role } from '../api';

const { Header, Sider, Content } = Layout;

interface NavItem {
  key: string; // the path
  testId: string;
  icon: ReactNode;
  zh: string;
  en: string;
  roles: Role[] | 'public';
}

/** The side menu: each entry shows for the roles that use it. */
export const NAV: NavItem[] = [
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
    key: '/reviews',
    testId: 'menu-reviews',
    icon: <AuditOutlined />,
    zh: '评审任务',
    en: 'My reviews',
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
    key: '/admin/users/new',
    testId: 'menu-admin-users',
    icon: <UserAddOutlined />,
    zh: '创建用户',
    en: 'Create user',
    roles: ['admin'],
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
    key: '/public/awards',
    testId: 'menu-public-awards',
    icon: <NotificationOutlined />,
    zh: '公示与名单',
    en: 'Award lists',
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

export function AppLayout() {
  const { me, logout } = useAuth();
  const { t, v } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();

  const visible = NAV.filter((n) => n.roles === 'public' || (me && n.roles.some((r) => me.roles.includes(r))));
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
    label: (
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
            <Space size={4} wrap>
              {me.roles.map((r) => (
                <Tag key={r}>{v(ROLE_NAMES, r)}</Tag>
              ))}
            </Space>
          ),
        },
        { type: 'divider' },
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
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          padding: '0 20px',
          background: '#8c1c13',
          color: '#fff',
          height: 56,
          lineHeight: '56px',
        }}
      >
        <Link to="/" style={{ color: '#fff', fontSize: 18, fontWeight: 600, letterSpacing: 1 }} data-testid="logo">
          {t('动漫扶持申报平台', 'Animation Support Portal')}
        </Link>
        <Space size={8} style={{ color: '#fff' }}>
          <LanguageSwitch />
          {me ? (
            <Dropdown menu={{ items: userMenu }} trigger={['click']}>
              <Button type="text" icon={<UserOutlined />} style={{ color: '#fff' }} data-testid="user-menu">
                {me.name}
              </Button>
            </Dropdown>
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
        </Space>
      </Header>
      <Layout>
        {me || location.pathname.startsWith('/public') ? (
          <Sider width={208} theme="light" breakpoint="lg" collapsible style={{ borderRight: '1px solid #f0f0f0' }}>
            <Menu
              mode="inline"
              selectedKeys={[selected]}
              items={items}
              style={{ borderInlineEnd: 'none' }}
              data-testid="side-menu"
            />
          </Sider>
        ) : null}
        <Content style={{ padding: 20, minWidth: 0 }}>
          <div style={{ maxWidth: 1400, margin: '0 auto' }}>
            <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} data-testid="page-loading" />}>
              <Outlet />
            </Suspense>
          </div>
        </Content>
      </Layout>
    </Layout>
  );
}
