import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { CHART_CONTENT_ID } from '../../src/domain/chart';
import { EmlMailer } from '../../src/node/eml-mailer';
import { SETTINGS_SHEET, UNITS_SHEET } from '../../src/sheets/layout';
import { OUTBOX_SHEET, sendOutbox } from '../../src/sheets/outbox';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { queueSummary } from '../../src/sheets/summary-report';
import { rubric } from '../sheets/workbook-helpers';
import { HUYEN, workflowBook, XA } from '../sheets/workflow-helpers';

describe('the outbox offline, as real .eml files', () => {
  it('writes MIME messages that a mail parser reads back: Vietnamese subject, escaped HTML, text', async () => {
    const { google, ports, as } = workflowBook();
    // A hostile unit name, as a careless or malicious edit could leave it.
    const hostile = '<img src=x onerror=alert(1)> Trường "Số 1"';
    google.spreadsheet.sheet(rubric.scoringSheet).type(2, 2, [[hostile]]);
    google.spreadsheet.sheet(UNITS_SHEET).type(2, 2, [[hostile]]);
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    expect(google.spreadsheet.sheet(PEOPLE_SHEET)).toBeDefined();

    const mailer = new EmlMailer(100);
    expect(sendOutbox({ ...ports, mailer })).toMatchObject({ sent: 1, check: [] });
    const folder = join(mkdtempSync(join(tmpdir(), 'xhht-eml-')), 'outbox');
    const [path] = await mailer.writeAll(folder);
    const raw = readFileSync(path as string);
    // Headers are MIME-encoded on the wire, not raw UTF-8.
    expect(raw.toString('latin1')).toMatch(/^Subject: =\?UTF-8\?/m);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('[XHHT] 1 đơn vị có thay đổi trong quy trình công nhận');
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '').toBe(HUYEN);
    expect(parsed.text).toContain(`• DV0001 – ${hostile} (Huyện 1): Chờ huyện thẩm định (${XA})`);
    expect(parsed.html).toContain('&lt;img src=x onerror=alert(1)&gt; Trường &quot;Số 1&quot;');
    expect(parsed.html).not.toContain('<img');
    expect(google.spreadsheet.sheet(OUTBOX_SHEET)).toBeDefined();
  });
});

describe('the summary offline, as a real .eml file', () => {
  it('carries the chart as an inline PNG the HTML refers to by its content id', async () => {
    const { google, ports, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    const settings = google.spreadsheet.sheet(SETTINGS_SHEET);
    settings.type(settings.snapshot().findIndex((row) => row[0] === 'summaryTo') + 1, 3, [
      ['bcd@example.org'],
    ]);
    queueSummary(ports);
    const mailer = new EmlMailer(100);
    expect(sendOutbox({ ...ports, mailer })).toMatchObject({ sent: 2, check: [] });
    const folder = mkdtempSync(join(tmpdir(), 'xhht-eml-'));
    const paths = await mailer.writeAll(folder);
    const parsed = await simpleParser(readFileSync(paths[1] as string));
    expect(parsed.subject).toMatch(/^\[XHHT\] Báo cáo tổng hợp XHHT năm \d{4} ngày /);
    const image = parsed.attachments.find((part) => part.cid === CHART_CONTENT_ID);
    expect(image?.contentType).toBe('image/png');
    expect(image?.contentDisposition).toBe('inline');
    // A real PNG of the size the chart asks for.
    expect(image?.content.subarray(1, 4).toString()).toBe('PNG');
    expect(image?.content.readUInt32BE(16)).toBe(640);
    expect(image?.content.readUInt32BE(20)).toBe(360);
    // mailparser rewrites a cid: reference into the data of the part it names: this image.
    expect(parsed.html).toContain(
      `<img src="data:image/png;base64,${image?.content.toString('base64')}"`,
    );
    expect(parsed.text).toContain('Tiến độ: 0/3 đơn vị đã công nhận (0%)');
  });
});
