import { BoolField, DateField, DeclarationField, TextField } from '../engine/dto-fields';

/** One form for every track; `targetLanguage` is free text judged by yuandongli.translation-language. */
export class YuandongliPayloadDto {
  @TextField({ zh: '作品名称', en: 'Title of the work' }, 200)
  workTitle: string;

  @DateField({ zh: '出版日期（未出版则不填）', en: 'Published on (leave empty if unpublished)' }, { optional: true })
  publishedOn?: string | null;

  @BoolField({ zh: '是否与境外机构或个人共有著作权', en: 'Copyright shared with a foreign party' })
  foreignCoOwnership: boolean;

  @BoolField({ zh: '是否曾获财政资金扶持', en: 'Funded before' })
  previouslyFunded: boolean;

  @TextField({ zh: '改编自（原作名称，原创则不填）', en: 'Adapted from (leave empty for an original work)' }, 200, {
    optional: true,
  })
  adaptationOf?: string | null;

  @TextField({ zh: '译制语种（民文译制类别填写）', en: 'Target language (minority translation track)' }, 50, {
    optional: true,
  })
  targetLanguage?: string | null;

  @DeclarationField()
  declaration: boolean;
}
