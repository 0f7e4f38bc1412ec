import { DeclarationField, FenField, NestedArrayField, TextField } from '../engine/dto-fields';

export class YdylPartnerDto {
  @TextField({ zh: '国家或地区', en: 'Country or region' }, 100)
  country: string;

  @TextField({ zh: '合作方与合作内容', en: 'Partner and what is done together' }, 500)
  cooperation: string;
}

/** 一带一路 list: a key enterprise or a key project of animation and games going abroad (one form, two tracks). */
export class YdylPayloadDto {
  @TextField({ zh: '企业或项目名称', en: 'Name of the enterprise or project' }, 200)
  workTitle: string;

  @TextField({ zh: '简介（主营业务或项目内容）', en: 'Description (main business or the project)' }, 5000)
  description: string;

  @NestedArrayField(
    { zh: '境外合作（国家或地区、合作方）', en: 'Cooperation abroad (country, partner)' },
    () => YdylPartnerDto,
    {
      maxItems: 50,
      minItemsAtSubmit: 1,
    },
  )
  partners: YdylPartnerDto[];

  @FenField({ zh: '上一年度境外收入（元）', en: 'Income abroad last year (yuan)' })
  overseasIncomeFen: number;

  @TextField({ zh: '国际合作计划', en: 'Plan for international cooperation' }, 5000)
  plan: string;

  @DeclarationField()
  declaration: boolean;
}
