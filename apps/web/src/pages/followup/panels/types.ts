import type { Award } from '../../../api';

/** What every panel of an award's page gets: the award, and whether the viewer is staff (officer) or the grantee. */
export interface AwardPanelProps {
  award: Award;
  staff: boolean;
  /** Ask the page to load the award again (after an act that changes it). */
  reload: () => void;
}
