import { CountField, DateField, DeclarationField, EnumField, FenField, TextField } from '../../engine/dto-fields';

export const FIFTH_GENRES = ['fantasy', 'history', 'science'] as const;

/** The form of the test-only fifth program: plain top-level fields, so the web draws it from the schema alone. */
export class FifthTestPayloadDto {
  @TextField({ zh: '参评作品名称', en: 'Title of the entry' }, 200)
  workTitle: string;

  @CountField({ zh: '集数', en: 'Episodes' }, { max: 10_000 })
  episodes: number;

  @FenField({ zh: '制作成本', en: 'Production cost' })
  productionCostFen: number;

  @DateField({ zh: '首播日期', en: 'First broadcast on' })
  premieredOn: string;

  @EnumField({ zh: '题材', en: 'Genre' }, FIFTH_GENRES)
  genre: (typeof FIFTH_GENRES)[number];

  @DeclarationField()
  declaration: boolean;
}
