import type { ActPorts } from '../../src/sheets/act';
import { actAction } from '../../src/sheets/actions';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { setUp } from '../../src/sheets/set-up';
import { gasActPorts } from '../fakes/context';
import { columnValues, rubric, workbookWith } from './workbook-helpers';

/** A workbook where officers walk units up the ladder through the menu, for the workflow tests. */

export const FULL = [10, 10, 10, 10, 5, 10, 5, 25, 10, 5];
export const XA = 'can.bo.xa1@example.org';
export const HUYEN = 'thamdinh.huyen1@example.org';
export const TINH = 'so.gddt@example.org';
export const ADMIN = 'quantri@example.org';

/** Three units (DV0001 in Huyện 1, DV0002 in Huyện 2, DV0003 in Huyện 3), people, and the ports of acting. */
export function workflowBook(scores: unknown[][] = [FULL, FULL, FULL]) {
  const made = workbookWith(scores);
  const { google } = made;
  google.spreadsheet.sheet(PEOPLE_SHEET).type(2, 1, [
    [XA, 'xã', 'DV0001'],
    [HUYEN, 'Huyện', 'Huyện 1'],
    [TINH, 'tỉnh', ''],
    [ADMIN, 'quản trị', ''],
  ]);
  // Set-up again, as the owner does after writing «Người dùng»: the protected sheets are then the
  // administrators' and the reviewers' columns the reviewers'.
  setUp(made.ctx, rubric.id);
  const ports: ActPorts = gasActPorts(google, made.ctx);
  const sheet = made.sheet;
  /** `who` selects rows and chooses an action, answering its prompts. */
  const as = (
    who: string,
    rows: [number, number][],
    action: Parameters<typeof actAction>[1],
    ...answers: (string | null)[]
  ) => {
    google.Session.email = who;
    google.spreadsheet.select(rubric.scoringSheet, ...rows);
    google.SpreadsheetApp.ui.answers.push(...answers);
    actAction(ports, action);
    return google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
  };
  const status = () => columnValues(sheet, 'Trạng thái');
  return { google, ports, sheet, as, status };
}
