import { Button, Card, Col, Empty, Row, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { api, itemsOf } from '../../api';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, fmtTime, PageTitle, useLoad } from '../../components/common';
import { formatFen } from '../../money';

export function OpenCallsPage() {
  const { t } = useI18n();
  const catalogue = usePrograms();
  const calls = useLoad(async () => itemsOf(await api.calls({ status: 'open', pageSize: 100 })), []);
  return (
    <div>
      <PageTitle>{t('开放申报的批次', 'Open calls')}</PageTitle>
      <ErrorBox error={calls.error} />
      {calls.loading ? <Spin /> : null}
      {!calls.loading && !calls.data?.length ? (
        <Empty description={t('当前没有开放的申报批次', 'No call is open now')} />
      ) : null}
      <Row gutter={[16, 16]}>
        {(calls.data ?? []).map((c) => {
          const left = dayjs(c.closesAt).diff(dayjs(), 'day');
          return (
            <Col xs={24} md={12} xl={8} key={c.id}>
              <Card
                title={c.title}
                size="small"
                data-testid={`call-card-${c.id}`}
                extra={<Tag color="red">{c.year}</Tag>}
                actions={[
                  <Link to={`/calls/${c.id}/apply`} key="apply" data-testid={`apply-${c.id}`}>
                    <Button type="primary" data-testid="call-apply">
                      {t('我要申报', 'Apply')}
                    </Button>
                  </Link>,
                ]}
              >
                <Space orientation="vertical" size={4}>
                  <Typography.Text strong>{catalogue.programName(c.programCode)}</Typography.Text>
                  <span>
                    {t('申报时间', 'Window')}: {fmtTime(c.opensAt)} — {fmtTime(c.closesAt)}
                  </span>
                  {c.budgetFen ? (
                    <span>
                      {t('预算', 'Budget')}: {formatFen(c.budgetFen)}
                    </span>
                  ) : null}
                  <Tag color={left <= 3 ? 'volcano' : 'green'}>
                    {left >= 1 ? t(`剩余 ${left} 天`, `${left} days left`) : t('今日截止', 'Closes today')}
                  </Tag>
                </Space>
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
