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
});
