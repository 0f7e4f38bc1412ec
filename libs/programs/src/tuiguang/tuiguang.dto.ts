import { DateField, DeclarationField, FenField, NestedArrayField, NestedField, TextField } from '../engine/dto-fields';

export class TuiguangActivityDto {
  @TextField({ zh: '活动名称', en: 'Activity name' }, 200)
  name: string;

  @DateField({ zh: '开始日期', en: 'Starts on' })
  startsOn: string;

  @DateField({ zh: '结束日期', en: 'Ends on' })
  endsOn: string;

  @TextField({ zh: '活动地点', en: 'Location' }, 200)
  location: string;

  @TextField({ zh: '国家或地区（境外活动填写）', en: 'Country or region (for activities abroad)' }, 100, {
    optional: true,
  })
  country?: string | null;
}

export class TuiguangCostDto {
  @TextField({ zh: '费用项目', en: 'Item' }, 200)
  item: string;

  @TextField(
    { zh: '费用类别（展位、差旅、译制、宣传等）', en: 'Category (booth, travel, translation, publicity …)' },
    50,
  )
  category: string;

  @FenField({ zh: '金额', en: 'Amount' })
  amountFen: number;
}

export class TuiguangPayloadDto {
  @NestedField({ zh: '推广活动', en: 'The activity' }, () => TuiguangActivityDto)
  activity: TuiguangActivityDto;

  @NestedArrayField({ zh: '费用预算', en: 'Cost lines' }, () => TuiguangCostDto, { maxItems: 200 })
  costs: TuiguangCostDto[];

  @FenField({ zh: '申请补贴金额', en: 'Amount requested' })
  requestedFen: number;

  @DeclarationField()
  declaration: boolean;
}
