import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { canonicalJson } from '../plan/canonical-json.js';
import { escapeText, guardWorkflowCommands } from '../render/escape.js';
import { code, escapeMarkdown as esc } from '../render/values.js';
import { auditFindings, type AuditReport, type PermissionCheck } from './report.js';
import { privilegedLines, summarise, summaryText } from './summary.js';

export interface AuditRenderOptions {
  /** The instance's name in snac.yaml, when it has one. */
  readonly instanceName?: string;
}

interface Section {
  readonly title: string;
  readonly findings: readonly Diagnostic[];
}

function sections(report: AuditReport): Section[] {
  const { checked } = report;
  return [
    { title: `Scheduled jobs, flows and auth profiles (${checked.jobs} active jobs with a run-as user, ${checked.flows} active flows, ${checked.authProfiles} auth profiles)`, findings: report.dependents },
    { title: `Service accounts in scope (${checked.accounts})`, findings: report.accounts },
    { title: `snac's own account${checked.reconciler === undefined ? '' : ` ${checked.reconciler}`}`, findings: report.reconciler },
  ];
}

/** "14 findings (9 errors, 5 warnings)" or "No findings". */
export function auditSummary(report: AuditReport): string {
  const findings = auditFindings(report);
  if (findings.length === 0) return 'No findings: nothing runs as an unusable user, the accounts in scope are healthy, and snac can do what it needs.';
  const errors = findings.filter((f) => f.severity === 'error').length;
  return `${findings.length} finding${findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${findings.length - errors} warning${findings.length - errors === 1 ? '' : 's'}).`;
}

const MARK: Record<PermissionCheck['status'], string> = { ok: 'ok', missing: 'MISSING', impossible: 'NOT OVER REST' };

/** The terminal view: one block per section, the preflight as aligned columns, a summary line. */
export function renderAuditText(report: AuditReport, options: AuditRenderOptions = {}): string {
  const name = options.instanceName ? `${options.instanceName} (${report.instance})` : report.instance;
  const lines: string[] = [`snac audit of ${name}`, '', ...summaryText(report)];
  for (const section of sections(report)) {
    lines.push('', `${section.title}:`);
    if (section.findings.length === 0) lines.push('  no findings');
    for (const finding of section.findings) lines.push(`  ${formatDiagnostic(finding)}`);
  }
  if (report.permissions.length > 0) {
    lines.push('', 'Permission preflight (nothing was written):');
    const width = Math.max(...report.permissions.map((p) => `${p.operation} ${p.table}`.length));
    for (const p of report.permissions) {
      const needed = p.needed ? '' : ' (not needed by these declarations)';
      lines.push(`  ${MARK[p.status].padEnd(13)} ${`${p.operation} ${p.table}`.padEnd(width)}  ${p.purpose}: ${p.reason}${needed}`);
    }
  }
  lines.push('', auditSummary(report));
  // Instance data (the host, account and job names) is shown escaped, and no line can be a workflow command.
  return `${guardWorkflowCommands(lines.map(escapeText).join('\n'))}\n`;
}

/** The markdown view, for a drift issue or a job summary. */
export function renderAuditMarkdown(report: AuditReport, options: AuditRenderOptions = {}): string {
  const name = options.instanceName ? `${code(options.instanceName)} (${esc(report.instance)})` : esc(report.instance);
  const s = summarise(report);
  const privileged = privilegedLines(report);
  const out: string[] = [
    `### snac audit of ${name}`,
    '',
    `**${esc(auditSummary(report))}**`,
    '',
    '| machine identities | identity type machine | privileged | dormant | Basic auth only | OAuth | errors | warnings |',
    '|---|---|---|---|---|---|---|---|',
    `| ${s.machineIdentities} | ${s.identityTypeMachine} | ${s.privileged} | ${s.dormant} | ${s.basicOnly} | ${s.oauth} | ${s.errors} | ${s.warnings} |`,
    ...(privileged.length === 0 ? [] : ['', `Privileged machine identities: ${privileged.map((line) => esc(line)).join('; ')}`]),
  ];
  for (const section of sections(report)) {
    out.push('', `#### ${esc(section.title)}`, '');
    if (section.findings.length === 0) out.push('No findings.');
    for (const f of section.findings) out.push(`- ${f.severity === 'error' ? '⛔' : '⚠️'} ${code(f.code)}: ${esc(f.summary)}${f.fix ? ` — ${esc(f.fix)}` : ''}`);
  }
  if (report.permissions.length > 0) {
    out.push('', '#### Permission preflight', '', '| | operation | table | for | why |', '|---|---|---|---|---|');
    for (const p of report.permissions) {
      const mark = p.status === 'ok' ? '✅' : p.needed ? '⛔' : '➖';
      out.push(`| ${mark} | ${p.operation} | ${code(p.table)} | ${esc(p.purpose)} | ${esc(p.reason)}${p.needed ? '' : ' (not needed)'} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** The report as canonical JSON (sorted keys), with the summary counts. */
export function renderAuditJson(report: AuditReport): string {
  const findings = auditFindings(report);
  return `${canonicalJson({ formatVersion: 1, ...report, summary: summarise(report), counts: { findings: findings.length, errors: findings.filter((f) => f.severity === 'error').length } }, 2)}\n`;
}
