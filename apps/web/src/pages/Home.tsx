import { Card, Col, Row, Typography, Tag, Space } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth';
import { ROLE_NAMES, useI18n } from '../i18n';
import { NAV } from '../components/AppLayout';
import type { Role } from '../api';

const ROLE_INTRO: Record<Role, [string, string]> = {
  applicant: [
    '查看开放的申报批次，填写并提交申报，跟踪审查、立项和拨付进度。',
    'Find open calls, fill in and submit applications, follow the check, the award and the payments.',
  ],
  expert: [
    '查看评审邀请，声明回避，对照评分标准打分并提交评审意见。',
    'See your invitations, declare conflicts, score against the rubric and submit your opinion.',
  ],
  officer: [
    '管理申报批次，进行形式审查，抽取专家，决定立项，发布公示并处理异议。',
    'Manage calls, run the formal check, draw experts, decide, publish notices and answer objections.',
  ],
  finance: [
    '编制和审批拨付批次，处理失败的拨付，查看每个项目的资金台账。',
    'Prepare and approve payment batches, handle failures, read each award’s ledger.',
  ],
  admin: [
    '创建专家、管理员和财务账号，查看系统发出的邮件。',
    'Create expert, officer and finance accounts and read the mail the portal sends.',
  ],
};

export function HomePage() {
  const { me } = useAuth();
  const { t, v } = useI18n();
  if (!me) return null;
  return (
    <div data-testid="home">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t(`欢迎，${me.name}`, `Welcome, ${me.name}`)}
      </Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        {me.roles.map((r) => (
          <Tag color="red" key={r} data-testid={`home-role-${r}`}>
            {v(ROLE_NAMES, r)}
          </Tag>
        ))}
      </Space>
      <Row gutter={[16, 16]}>
        {me.roles.map((role) => (
          <Col xs={24} lg={12} key={role}>
            <Card title={v(ROLE_NAMES, role)} size="small" data-testid={`home-card-${role}`}>
              <Typography.Paragraph type="secondary">{t(...ROLE_INTRO[role])}</Typography.Paragraph>
              <Space wrap>
                {NAV.filter((n) => n.key !== '/' && n.roles !== 'public' && n.roles.includes(role)).map((n) => (
                  <Link key={n.key} to={n.key} data-testid={`home-link-${n.testId.replace(/^menu-/, '')}`}>
                    <Tag icon={n.icon} style={{ padding: '4px 10px', fontSize: 14, cursor: 'pointer' }}>
                      {t(n.zh, n.en)}
                    </Tag>
                  </Link>
                ))}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
