import { lazy, useEffect, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
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
import { PublicHomePage } from './pages/public/Home';

/**
 * A page loaded when first visited (its own chunk): the login page and the public home come with the first download
 * (P6 in docs/benchmarks.md: at most 250 KB of gzip'd script; the home drawn in plain markup, so a visitor's `/` waits
 * for no second round of chunks); an applicant never downloads the officers' or finance pages.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
const HomePage = page(() => import('./pages/Home'), 'HomePage');
const ForbiddenResult = page(() => import('./components/Results'), 'ForbiddenResult');
const NotFound = page(() => import('./components/Results'), 'NotFoundResult');
const RegisterPage = page(() => import('./pages/Register'), 'RegisterPage');
const VerifyEmailPage = page(() => import('./pages/VerifyEmail'), 'VerifyEmailPage');
const AcceptInvitationPage = page(() => import('./pages/AcceptInvitation'), 'AcceptInvitationPage');
const CreateUserPage = page(() => import('./pages/admin/CreateUser'), 'CreateUserPage');
const OutboxPage = page(() => import('./pages/admin/Outbox'), 'OutboxPage');
const AgenciesPage = page(() => import('./pages/admin/Agencies'), 'AgenciesPage');
const OrganizationsPage = page(() => import('./pages/admin/Organizations'), 'OrganizationsPage');
const UsersPage = page(() => import('./pages/admin/Users'), 'UsersPage');
const CalendarPage = page(() => import('./pages/admin/Calendar'), 'CalendarPage');
const CreditCodeExceptionsPage = page(() => import('./pages/admin/CreditCodeExceptions'), 'CreditCodeExceptionsPage');
const AuditPage = page(() => import('./pages/admin/Audit'), 'AuditPage');
const LedgersPage = page(() => import('./pages/finance/Ledgers'), 'LedgersPage');
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
const ProvincialStagePage = page(() => import('./pages/officer/ProvincialStage'), 'ProvincialStagePage');
const DecisionsPage = page(() => import('./pages/officer/Decisions'), 'DecisionsPage');
const ObjectionsPage = page(() => import('./pages/officer/Objections'), 'ObjectionsPage');
const OfficerAwardsPage = page(() => import('./pages/officer/Awards'), 'OfficerAwardsPage');
const ReviewListPage = page(() => import('./pages/expert/ReviewList'), 'ReviewListPage');
const ReviewScorePage = page(() => import('./pages/expert/ReviewScore'), 'ReviewScorePage');
const ExpertProfilePage = page(() => import('./pages/expert/ExpertProfile'), 'ExpertProfilePage');
const PaymentsPage = page(() => import('./pages/finance/Payments'), 'PaymentsPage');
const BatchesPage = page(() => import('./pages/finance/Batches'), 'BatchesPage');
const LedgerPage = page(() => import('./pages/finance/Ledger'), 'LedgerPage');
const PublicNoticePage = page(() => import('./pages/public/Notice'), 'PublicNoticePage');
const PublicAwardsPage = page(() => import('./pages/public/Awards'), 'PublicAwardsPage');
const PublicListsPage = page(() => import('./pages/public/Lists'), 'PublicListsPage');
const VerifyApplicationPage = page(() => import('./pages/public/Verify'), 'VerifyApplicationPage');
const AwardFollowupPage = page(() => import('./pages/followup/AwardFollowup'), 'AwardFollowupPage');
const OfficerQueuesPage = page(() => import('./pages/followup/OfficerQueues'), 'OfficerQueuesPage');
const ForgotPasswordPage = page(() => import('./pages/account/ForgotPassword'), 'ForgotPasswordPage');
const ResetPasswordPage = page(() => import('./pages/account/ResetPassword'), 'ResetPasswordPage');
const AccountPage = page(() => import('./pages/account/Account'), 'AccountPage');
const CompanyPage = page(() => import('./pages/account/Company'), 'CompanyPage');
const InboxPage = page(() => import('./pages/inbox/Inbox'), 'InboxPage');
const PublicCallsPage = page(() => import('./pages/public/Calls'), 'PublicCallsPage');
const PublicNoticesPage = page(() => import('./pages/public/Notices'), 'PublicNoticesPage');
const PublicProgramsPage = page(() => import('./pages/public/Programs'), 'PublicProgramsPage');
const PublicProgramPage = page(() => import('./pages/public/Programs'), 'PublicProgramPage');
const PublicStatisticsPage = page(() => import('./pages/public/Statistics'), 'PublicStatisticsPage');
const OfficerStatisticsPage = page(() => import('./pages/officer/Statistics'), 'OfficerStatisticsPage');

/** `/`: the public home for a visitor (no login), the role's home once logged in. */
function RootPage() {
  const { me, loading } = useAuth();
  if (loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  return me ? <HomePage /> : <PublicHomePage />;
}

/** `/calls`: an applicant's open calls (apply), everyone else's public list (no login). */
function CallsRoute() {
  const { me, loading } = useAuth();
  if (loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  return me?.roles.includes('applicant') ? <OpenCallsPage /> : <PublicCallsPage />;
}

/** Pages that need a logged-in user (and, when given, one of the roles). */
function RequireAuth({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !roles.some((r) => me.roles.includes(r))) return <ForbiddenResult />;
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

/**
 * WCAG 2.1 AA contrast (4.5:1 for text) on white and on the light tag backgrounds: antd's default grey texts
 * (45 % black), placeholders (25 %), link blue and the status colours fall short; these are darker values of the same
 * hues (the preset tag colours and the tables' empty text: styles.css).
 */
const CONTRAST_TOKENS = {
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  colorInfo: '#0958d9',
  colorLink: '#0958d9',
  colorSuccess: '#237804',
  colorWarning: '#ad4e00',
  colorError: '#cf1322',
  // the status colours' light backgrounds stay antd's (a palette generated from a dark seed is greyish)
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorWarningBg: '#fff7e6',
  colorWarningBorder: '#ffd591',
  colorErrorBg: '#fff2f0',
  colorErrorBorder: '#ffccc7',
  colorInfoBg: '#e6f4ff',
  colorInfoBorder: '#91caff',
};

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
      theme={{ token: { colorPrimary: '#b0261b', borderRadius: 4, ...CONTRAST_TOKENS } }}
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
                <Route path="/forgot-password" element={<ForgotPasswordPage />} />
                <Route path="/reset-password" element={<ResetPasswordPage />} />
                <Route path="/public/notices/:id" element={<PublicNoticePage />} />
                <Route path="/public/awards" element={<PublicAwardsPage />} />
                <Route path="/public/lists" element={<PublicListsPage />} />
                <Route path="/public" element={<PublicHomePage />} />
                <Route path="/public/calls" element={<PublicCallsPage />} />
                <Route path="/public/notices" element={<PublicNoticesPage />} />
                <Route path="/public/programs" element={<PublicProgramsPage />} />
                <Route path="/public/programs/:code" element={<PublicProgramPage />} />
                <Route path="/public/statistics" element={<PublicStatisticsPage />} />
                <Route path="/verify/:number" element={<VerifyApplicationPage />} />

                <Route path="/" element={<RootPage />} />
                <Route path="/account" element={A(undefined, <AccountPage />)} />
                <Route path="/company" element={A(['applicant'], <CompanyPage />)} />

                <Route path="/calls" element={<CallsRoute />} />
                <Route path="/calls/:callId/apply" element={A(['applicant'], <NewApplicationPage />)} />
                <Route path="/applications" element={A(['applicant'], <MyApplicationsPage />)} />
                <Route path="/applications/:id" element={A(['applicant'], <ApplicationViewPage />)} />
                <Route path="/applications/:id/edit" element={A(['applicant'], <ApplicationEditPage />)} />
                <Route path="/my/awards" element={A(['applicant'], <MyAwardsPage />)} />
                <Route path="/my/awards/:id" element={A(['applicant'], <AwardFollowupPage />)} />
                <Route path="/awards/:id/ledger" element={A(['applicant', 'finance', 'officer'], <LedgerPage />)} />

                <Route path="/reviews" element={A(['expert'], <ReviewListPage />)} />
                <Route path="/reviews/:id" element={A(['expert', 'officer'], <ReviewScorePage />)} />
                <Route path="/expert/profile" element={A(['expert'], <ExpertProfilePage />)} />

                <Route path="/officer/calls" element={A(['officer'], <CallsAdminPage />)} />
                <Route path="/officer/calls/:callId/review" element={A(['officer'], <ReviewRoundPage />)} />
                <Route path="/officer/calls/:callId/decisions" element={A(['officer'], <DecisionsPage />)} />
                <Route path="/officer/calls/:callId/province" element={A(['officer'], <ProvincialStagePage />)} />
                <Route path="/officer/applications" element={A(['officer'], <OfficerApplicationsPage />)} />
                <Route path="/officer/applications/:id" element={A(['officer'], <OfficerApplicationPage />)} />
                <Route path="/officer/experts" element={A(['officer'], <ExpertsPage />)} />
                <Route path="/officer/objections" element={A(['officer'], <ObjectionsPage />)} />
                <Route path="/officer/awards" element={A(['officer'], <OfficerAwardsPage />)} />
                <Route path="/officer/awards/:id" element={A(['officer'], <AwardFollowupPage />)} />
                <Route path="/officer/followup" element={A(['officer'], <OfficerQueuesPage />)} />
                <Route path="/officer/statistics" element={A(['officer', 'admin'], <OfficerStatisticsPage />)} />

                <Route path="/finance/payments" element={A(['finance', 'officer'], <PaymentsPage />)} />
                <Route path="/finance/batches" element={A(['finance'], <BatchesPage />)} />
                <Route path="/finance/ledgers" element={A(['finance'], <LedgersPage />)} />

                <Route path="/admin/users/new" element={A(['admin'], <CreateUserPage />)} />
                <Route path="/admin/outbox" element={A(['admin'], <OutboxPage />)} />
                <Route path="/admin/agencies" element={A(['admin'], <AgenciesPage />)} />
                <Route path="/admin/organizations" element={A(['admin'], <OrganizationsPage />)} />
                <Route path="/admin/users" element={A(['admin'], <UsersPage />)} />
                <Route path="/admin/calendar" element={A(['admin'], <CalendarPage />)} />
                <Route path="/admin/credit-code-exceptions" element={A(['admin'], <CreditCodeExceptionsPage />)} />
                <Route path="/admin/audit" element={A(['admin'], <AuditPage />)} />

                <Route path="/inbox" element={A(undefined, <InboxPage />)} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </Localized>
    </I18nProvider>
  );
}
