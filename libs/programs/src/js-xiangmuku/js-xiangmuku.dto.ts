import {
  BoolField,
  DateField,
  DeclarationField,
  EnumField,
  FenField,
  NestedArrayField,
  TextField,
} from '../engine/dto-fields';

export const JS_PROJECT_KINDS = ['animation', 'comic', 'game', 'derivative', 'digital'] as const;
export const JS_PROJECT_STAGES = ['idea', 'development', 'production'] as const;

export class JsTeamMemberDto {
  @TextField({ zh: '姓名', en: 'Name' }, 60)
  name: string;

  @TextField({ zh: '在项目中的职责', en: 'Role in the project' }, 100)
  role: string;
}

/** 江苏重点动漫项目库: a project put forward for the bank at the January call for ideas. */
export class JsXiangmukuPayloadDto {
  @TextField({ zh: '项目名称', en: 'Project title' }, 200)
  workTitle: string;

  @EnumField({ zh: '项目类型', en: 'Kind of project' }, JS_PROJECT_KINDS)
  kind: string;

  @EnumField({ zh: '项目阶段', en: 'Stage' }, JS_PROJECT_STAGES)
  stage: string;

  @TextField({ zh: '项目简介与创意', en: 'The project and its idea' }, 5000)
  synopsis: string;

  @NestedArrayField({ zh: '主创团队', en: 'Core team' }, () => JsTeamMemberDto, { maxItems: 30, minItemsAtSubmit: 1 })
  team: JsTeamMemberDto[];

  @FenField({ zh: '总投资预算（元）', en: 'Total budget (yuan)' })
  budgetFen: number;

  @DateField({ zh: '计划完成日期', en: 'Planned completion' })
  plannedCompletion: string;

  @BoolField({ zh: '申报单位拥有或受让项目全部著作权', en: 'The applicant owns the project’s copyright in full' })
  rightsOwned: boolean;

  @DeclarationField()
  declaration: boolean;
}
