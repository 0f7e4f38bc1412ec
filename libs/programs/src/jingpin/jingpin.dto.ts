import {
  DeclarationField,
  EnumField,
  IdNumberField,
  NestedArrayField,
  PhoneField,
  TextField,
} from '../engine/dto-fields';

export const JINGPIN_MEDIA_TYPES = ['tv', 'film', 'comic', 'new-media'] as const;

export class JingpinCreatorDto {
  @TextField({ zh: '姓名', en: 'Name' }, 50)
  name: string;

  @TextField({ zh: '承担工作（编剧、导演、美术等）', en: 'Role (writer, director, art …)' }, 100)
  role: string;

  @TextField({ zh: '学历', en: 'Education' }, 50, { optional: true })
  education?: string;

  /** Personal data: encrypted at rest, masked for anyone but the owner and the officers. */
  @IdNumberField({ zh: '身份证号', en: 'ID number' }, { optional: true })
  idNumber?: string | null;

  /** Personal data: encrypted at rest, masked for anyone but the owner and the officers. */
  @PhoneField({ zh: '联系电话', en: 'Phone' }, { optional: true })
  phone?: string | null;
}

/** One form for both tracks (创意 and 产品). */
export class JingpinPayloadDto {
  @EnumField(
    { zh: '作品类型（动画电视/动画电影/漫画/新媒体动漫）', en: 'Media type (TV / film / comic / new media)' },
    JINGPIN_MEDIA_TYPES,
  )
  mediaType: (typeof JINGPIN_MEDIA_TYPES)[number];

  @TextField({ zh: '作品名称', en: 'Title of the work' }, 200)
  workTitle: string;

  @TextField({ zh: '作品简介', en: 'Synopsis' }, 5000)
  synopsis: string;

  @NestedArrayField({ zh: '主创人员', en: 'Core creators' }, () => JingpinCreatorDto, {
    maxItems: 50,
    minItemsAtSubmit: 1,
  })
  creators: JingpinCreatorDto[];

  @TextField({ zh: '开发计划', en: 'Development plan' }, 5000)
  developmentPlan: string;

  @TextField(
    { zh: '市场预期（授权、改编、衍生品收入）', en: 'Market expectation (licensing, adaptation, merchandise income)' },
    5000,
  )
  marketExpectation: string;

  @TextField({ zh: '版权授权情况', en: 'Licensing status' }, 5000)
  licensing: string;

  @TextField({ zh: '宣传推广计划', en: 'Promotion plan' }, 5000)
  promotionPlan: string;

  @DeclarationField()
  declaration: boolean;
}
