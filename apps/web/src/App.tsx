import { lazy, useEffect, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Spin, Result, Button } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { I18nProvider, useI18n } from './i18n';
import { AuthProvider, useAuth } from './auth';
import { setSessionLostHandler } from './client';
import type { Role } from './api';
import { AppLayout } from './components/AppLayout';
import { LoginPage } from './pages/Login';
import { RegisterPage } from './pages/Register';
import { HomePage } from './pages/Home';
import { VerifyEmailPage } from './pages/VerifyEmail';
import { AcceptInvitationPage } from './pages/AcceptInvitation';

/**
 * A page loaded when first visited (its own chunk): the login, registration and home pages come with the first
 * download; an applicant never downloads the officers' or finance pages.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
const CreateUserPage = page(() => import('./pages/admin/CreateUser'), 'CreateUserPage');
const OutboxPage = page(() => import('./pages/admin/Outbox'), 'OutboxPage');
const OpenCallsPage = page(() => import('./pages/applicant/OpenCalls'), 'OpenCallsPage');
const NewApplicationPage = page(() => import('./pages/applicant/NewApplication'), 'NewApplicationPage');
const ApplicationEditPage = page(() => import('./pages/applicant/ApplicationEdit'), 'ApplicationEditPage');
const MyApplicationsPage = page(() => import('./pages/applicant/MyApplications'), 'MyApplicationsPage');
const ApplicationViewPage = page(() => import('./pages/applicant/ApplicationView'), 'ApplicationViewPage');
const MyAwardsPage = page(() => import('./pages/applicant/MyAwards'), 'MyAwardsPage');
const CallsAdminPage = page(() => import('./pages/officer/CallsAdmin'), 'CallsAdminPage');
const OfficerApplicationsPage = page(() => import('./pages/officer/Applications'), 'OfficerApplicationsPage');
const OfficerApplicationPage = page(() => import('./pages/officer/ApplicationDetail'), 'OfficerApplicationPage');
const ExpertsPage = page(() => import('./pages/officer/Experts'), 'ExpertsPage');
const ReviewRoundPage = page(() => import('./pages/officer/ReviewRound'), 'ReviewRoundPage');
const DecisionsPage = page(() => import('./pages/officer/Decisions'), 'DecisionsPage');
const ObjectionsPage = page(() => import('./pages/officer/Objections'), 'ObjectionsPage');
const OfficerAwardsPage = page(() => import('./pages/officer/Awards'), 'OfficerAwardsPage');
const ReviewListPage = page(() => import('./pages/expert/ReviewList'), 'ReviewListPage');
const ReviewScorePage = page(() => import('./pages/expert/ReviewScore'), 'ReviewScorePage');
const PaymentsPage = page(() => import('./pages/finance/Payments'), 'PaymentsPage');
const BatchesPage = page(() => import('./pages/finance/Batches'), 'BatchesPage');
const LedgerPage = page(() => import('./pages/finance/Ledger'), 'LedgerPage');
const PublicNoticePage = page(() => import('./pages/public/Notice'), 'PublicNoticePage');
const PublicAwardsPage = page(() => import('./pages/public/Awards'), 'PublicAwardsPage');

/** Pages that need a logged-in user (and, when given, one of the roles). */
function RequireAuth({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { me, loading } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  if (loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !roles.some((r) => me.roles.includes(r)))
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('您的角色无权访问此页面', 'Your roles do not allow this page')}
        extra={<Button onClick={() => navigate('/')}>{t('返回首页', 'Back home')}</Button>}
      />
    );
  return <>{children}</>;
}

function SessionWatcher() {
  const navigate = useNavigate();
  const { reload } = useAuth();
  useEffect(() => {
    setSessionLostHandler(() => {
      void reload();
      if (!location.pathname.startsWith('/login')) navigate(`/login?next=${encodeURIComponent(location.pathname)}`);
    });
  }, [navigate, reload]);
  return null;
}

function NotFound() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('页面不存在', 'Page not found')}
      extra={<Button onClick={() => navigate('/')}>{t('返回首页', 'Back home')}</Button>}
    />
  );
}

function Localized({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = lang === 'zh' ? '动漫扶持申报平台' : 'Animation Support Portal';
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#b0261b', borderRadius: 4 } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

const A = (roles: Role[] | undefined, el: ReactNode) => <RequireAuth roles={roles}>{el}</RequireAuth>;

export function App() {
  return (
    <I18nProvider>
      <Localized>
        <AuthProvider>
          <BrowserRouter>
            <SessionWatcher />
            <Routes>
              <Route element={<AppLayout />}>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/register" element={<RegisterPage />} />
                <Route path="/verify-email" element={<VerifyEmailPage />} />
                <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
                <Route path="/public/notices/:id" element={<PublicNoticePage />} />
                <Route path="/public/awards" element={<PublicAwardsPage />} />

                <Route path="/" element={A(undefined, <HomePage />)} />

                <Route path="/calls" element={A(['applicant'], <OpenCallsPage />)} />
                <Route path="/calls/:callId/apply" element={A(['applicant'], <NewApplicationPage />)} />
                <Route path="/applications" element={A(['applicant'], <MyApplicationsPage />)} />
                <Route path="/applications/:id" element={A(['applicant'], <ApplicationViewPage />)} />
                <Route path="/applications/:id/edit" element={A(['applicant'], <ApplicationEditPage />)} />
                <Route path="/my/awards" element={A(['applicant'], <MyAwardsPage />)} />
                <Route path="/awards/:id/ledger" element={A(['applicant', 'finance', 'officer'], <LedgerPage />)} />

                <Route path="/reviews" element={A(['expert'], <ReviewListPage />)} />
                <Route path="/reviews/:id" element={A(['expert', 'officer'], <ReviewScorePage />)} />

                <Route path="/officer/calls" element={A(['officer'], <CallsAdminPage />)} />
                <Route path="/officer/calls/:callId/review" element={A(['officer'], <ReviewRoundPage />)} />
                <Route path="/officer/calls/:callId/decisions" element={A(['officer'], <DecisionsPage />)} />
                <Route path="/officer/applications" element={A(['officer'], <OfficerApplicationsPage />)} />
                <Route path="/officer/applications/:id" element={A(['officer'], <OfficerApplicationPage />)} />
                <Route path="/officer/experts" element={A(['officer'], <ExpertsPage />)} />
                <Route path="/officer/objections" element={A(['officer'], <ObjectionsPage />)} />
                <Route path="/officer/awards" element={A(['officer'], <OfficerAwardsPage />)} />

                <Route path="/finance/payments" element={A(['finance', 'officer'], <PaymentsPage />)} />
                <Route path="/finance/batches" element={A(['finance'], <BatchesPage />)} />

                <Route path="/admin/users/new" element={A(['admin'], <CreateUserPage />)} />
                <Route path="/admin/outbox" element={A(['admin'], <OutboxPage />)} />

                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </Localized>
    </I18nProvider>
  );
}
