import { CountField, DateField, DeclarationField, EnumField, TextField } from '../engine/dto-fields';

export const TUIYOU_KINDS = ['tv-series', 'film', 'web-series'] as const;

/** 优秀国产动画片推优: a finished domestic animation, licensed and premiered (one form). */
export class TuiyouPayloadDto {
  @TextField({ zh: '片名', en: 'Title of the work' }, 200)
  workTitle: string;

  @EnumField({ zh: '类型（电视动画/动画电影/网络动画）', en: 'Kind (TV series / film / web series)' }, TUIYOU_KINDS)
  kind: (typeof TUIYOU_KINDS)[number];

  @TextField({ zh: '发行许可证号（国产电视动画片发行许可证或电影公映许可证）', en: 'Distribution licence number' }, 100)
  licenceNumber: string;

  @CountField({ zh: '集数', en: 'Episodes' }, { max: 10_000 })
  episodes: number;

  @CountField({ zh: '总时长（分钟）', en: 'Total length (minutes)' }, { max: 1_000_000 })
  minutes: number;

  @TextField({ zh: '首播平台（电视台、院线或网络平台）', en: 'First broadcast on (channel, cinemas or platform)' }, 200)
  premiereChannel: string;

  @DateField({ zh: '首播日期', en: 'First broadcast on (date)' })
  premieredOn: string;

  @TextField({ zh: '作品简介', en: 'Synopsis' }, 5000)
  synopsis: string;

  @TextField({ zh: '播出与传播情况（收视、点击、海外发行）', en: 'Reach (ratings, views, sales abroad)' }, 5000)
  reach: string;

  @DeclarationField()
  declaration: boolean;
}
