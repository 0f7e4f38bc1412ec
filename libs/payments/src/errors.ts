import { defineErrors } from '@portal/platform';

/** Every error code payments throws, each defined once (codes and kinds are API.md's). */
export const PAYMENT_ERRORS = defineErrors({
  'PAYMENT_BATCH.NOT_FOUND': { kind: 'not-found', zh: '拨付批次不存在', en: 'payment_batch not found' },
  'PAYMENT_BATCH.NOTHING_DUE': {
    kind: 'unprocessable',
    zh: '该批次该期没有可拨付的到期款项',
    en: (p: { instalmentNo: number }) => `No instalment ${p.instalmentNo} of this call is due and payable`,
  },
  'PAYMENT_BATCH.SAME_PERSON': {
    kind: 'forbidden',
    zh: '批次须由编制人以外的另一名财务人员审批',
    en: 'A batch must be approved by someone other than the person who prepared it',
  },
  'PAYMENT_BATCH.NOT_PREPARED': { kind: 'conflict', zh: '该批次已审批', en: 'This batch was already approved' },
  'PAYMENT_BATCH.NOT_APPROVED': { kind: 'conflict', zh: '批次尚未审批', en: 'The batch has not been approved' },
  'PAYMENT_BATCH.NOT_BANK_FILE': {
    kind: 'conflict',
    zh: '该批次不通过银行批量文件拨付',
    en: (p: { rail: string }) => `This batch is paid through the ${p.rail} rail, not a bank file`,
  },
  'INSTALMENT.NOT_FOUND': { kind: 'not-found', zh: '拨付款项不存在', en: 'instalment not found' },
  'INSTALMENT.NOT_FAILED': {
    kind: 'conflict',
    zh: (p: { status: string }) => `只有拨付失败的款项可以重试（当前：${p.status}）`,
    en: (p: { status: string }) => `Only a failed instalment can be retried (it is ${p.status})`,
  },
  'INSTALMENT.NOT_RECOVERING': {
    kind: 'conflict',
    zh: (p: { status: string }) => `该款项不在追回中（当前：${p.status}）`,
    en: (p: { status: string }) => `This instalment is not being recovered (it is ${p.status})`,
  },
  'INSTALMENT.ALREADY_DUE': { kind: 'conflict', zh: '该期已到期，无需再次验收', en: 'This instalment is already due' },
  'BANK_RETURN.NO_FILE': {
    kind: 'invalid',
    zh: '请上传银行回单文件',
    en: 'Upload the return file as multipart field "file"',
  },
  'BANK_RETURN.UNREADABLE': { kind: 'unprocessable', zh: '无法读取银行回单文件', en: 'The return file cannot be read' },
  'BANK_RETURN.NOT_FOUND': {
    kind: 'not-found',
    zh: '待审批的银行回单不存在',
    en: 'bank return proposal not found',
  },
  'BANK_RETURN.NOT_PROPOSED': { kind: 'conflict', zh: '该银行回单已处理', en: 'This bank return was already applied' },
  'BANK_RETURN.SAME_PERSON': {
    kind: 'forbidden',
    zh: '回单中标记失败的款项须由导入人以外的另一名财务人员审批',
    en: 'The failed lines of a bank return must be approved by someone other than the person who imported it',
  },
  'INSTALMENT.SAME_PERSON': {
    kind: 'forbidden',
    zh: '重试须由提出人以外的另一名财务人员审批',
    en: 'A retry must be approved by someone other than the person who proposed it',
  },
  'INSTALMENT.NO_RETRY_PROPOSED': {
    kind: 'conflict',
    zh: '该款项没有待审批的重试',
    en: 'No retry of this instalment has been proposed',
  },
  'INSTALMENT.RETRY_PROPOSED': {
    kind: 'conflict',
    zh: '该款项的重试已由另一名财务人员提出，等待审批',
    en: 'Another finance user already proposed a retry of this instalment; it awaits approval',
  },
  'PAYMENT.OWN_ORGANIZATION': {
    kind: 'forbidden',
    zh: '不能审批向本人所在单位的拨付',
    en: 'You cannot approve a payment to your own organization',
  },
  'PAYMENT.APPROVER_IS_ADMIN': {
    kind: 'forbidden',
    zh: '系统管理员不能审批拨付',
    en: 'An administrator cannot approve payments',
  },
});
