import { useEffect, type ReactNode } from 'react';
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
import { CreateUserPage } from './pages/admin/CreateUser';
import { OutboxPage } from './pages/admin/Outbox';
import { OpenCallsPage } from './pages/applicant/OpenCalls';
import { NewApplicationPage } from './pages/applicant/NewApplication';
import { ApplicationEditPage } from './pages/applicant/ApplicationEdit';
import { MyApplicationsPage } from './pages/applicant/MyApplications';
import { ApplicationViewPage } from './pages/applicant/ApplicationView';
import { MyAwardsPage } from './pages/applicant/MyAwards';
import { CallsAdminPage } from './pages/officer/CallsAdmin';
import { OfficerApplicationsPage } from './pages/officer/Applications';
import { OfficerApplicationPage } from './pages/officer/ApplicationDetail';
import { ExpertsPage } from './pages/officer/Experts';
import { ReviewRoundPage } from './pages/officer/ReviewRound';
import { DecisionsPage } from './pages/officer/Decisions';
import { ObjectionsPage } from './pages/officer/Objections';
import { OfficerAwardsPage } from './pages/officer/Awards';
import { ReviewListPage } from './pages/expert/ReviewList';
import { ReviewScorePage } from './pages/expert/ReviewScore';
import { PaymentsPage } from './pages/finance/Payments';
import { BatchesPage } from './pages/finance/Batches';
import { LedgerPage } from './pages/finance/Ledger';
import { PublicNoticePage } from './pages/public/Notice';
import { PublicAwardsPage } from './pages/public/Awards';

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
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#b0261b', borderRadius: 4 } }}>
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
