import {
  DateField,
  DeclarationField,
  EnumField,
  FenField,
  IdNumberField,
  NestedArrayField,
  NestedField,
  TextField,
} from '../engine/dto-fields';

/** A person named by a nomination: the screenwriter, the director, a member of a creative team. */
export class DongmanjiangPersonDto {
  @TextField({ zh: '姓名', en: 'Name' }, 60)
  name: string;

  @IdNumberField({ zh: '居民身份证号码', en: 'Resident ID number' })
  idNumber: string;

  @TextField({ zh: '在本作品中的职责', en: 'Role in the work' }, 100)
  role: string;
}

export const DONGMANJIANG_WORK_KINDS = ['tv-series', 'film', 'web-series', 'comic', 'game', 'stage', 'other'] as const;

/**
 * 动漫奖: one nomination form for the seven categories. Every nomination names the work it rests on; the person
 * categories (screenwriter, director) name the person (`nominee`, ID number encrypted at rest, masked for others,
 * never shown to experts); a creative team names its members; the international market categories give the income
 * abroad. Which of these a category needs is the rule `dongmanjiang.nominee-complete`.
 */
export class DongmanjiangPayloadDto {
  @TextField({ zh: '作品名称', en: 'Title of the work' }, 200)
  workTitle: string;

  @EnumField({ zh: '作品类型', en: 'Kind of work' }, DONGMANJIANG_WORK_KINDS)
  workKind: string;

  @DateField({ zh: '首播、上映或出版日期', en: 'First broadcast, release or publication' })
  releasedOn: string;

  @TextField({ zh: '推荐理由', en: 'Why it is nominated' }, 5000)
  citation: string;

  @NestedField(
    { zh: '被提名人（编剧、导演类别）', en: 'The nominee (screenwriter and director categories)' },
    () => DongmanjiangPersonDto,
    {
      optional: true,
    },
  )
  nominee?: DongmanjiangPersonDto;

  @NestedArrayField(
    { zh: '团队成员（创作团队类别）', en: 'Team members (creative team category)' },
    () => DongmanjiangPersonDto,
    {
      maxItems: 50,
    },
  )
  teamMembers: DongmanjiangPersonDto[];

  @FenField(
    { zh: '境外收入（元，国际市场类别）', en: 'Income abroad (yuan, international market categories)' },
    { optional: true },
  )
  overseasIncomeFen?: number;

  @DeclarationField()
  declaration: boolean;
}
