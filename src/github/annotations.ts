import { sep } from 'node:path';
import type { Diagnostic, SourceRef } from '../diagnostics.js';
import type { Plan } from '../plan/change.js';
import { escapeText } from '../render/escape.js';

/** One line GitHub Actions turns into an annotation on a file and line of the pull request. */
export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly title: string;
  readonly message: string;
  readonly at?: SourceRef;
}

/** GitHub workflow command values escape %, CR and LF; property values also escape : and ,. */
function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/**
 * `::error file=accounts/a.yaml,line=3,col=5,title=snac unknown-role::message`. Title and message
 * may quote instance data: controls other than the message's line breaks are shown as their
 * codes, then all is encoded as GitHub requires, so nothing can end the command or start another.
 */
export function workflowCommand(annotation: Annotation): string {
  const { at } = annotation;
  const place = at ? `file=${escapeProperty(at.file.split(sep).join('/'))},line=${at.line},col=${at.column},` : '';
  return `::${annotation.level} ${place}title=${escapeProperty(escapeText(annotation.title))}::${escapeData(annotation.message.replace(/[^\r\n]+/g, escapeText))}`;
}

export function diagnosticAnnotation(d: Diagnostic): Annotation {
  return { level: d.severity, title: `snac ${d.code}`, message: `${d.summary}${d.fix ? `: ${d.fix}` : ''}`, ...(d.at ? { at: d.at } : {}) };
}

/**
 * What a plan has to say on the lines of the pull request: its findings (blocking ones as
 * errors) and a warning on the declaration of every high-risk change, with why.
 */
export function planAnnotations(plan: Plan, instanceName: string): Annotation[] {
  const findings = plan.findings.map((f) => ({ ...diagnosticAnnotation(f), level: f.blocking ? ('error' as const) : ('warning' as const) }));
  const risky = plan.changes
    .filter((c) => c.risk === 'high' && c.at !== undefined)
    .map((c): Annotation => ({ level: 'warning', title: `snac ${c.action} on ${instanceName}`, message: `${c.kind} ${c.key}: ${c.risks.map((r) => r.summary).join('; ')}`, ...(c.at ? { at: c.at } : {}) }));
  return [...findings, ...risky];
}
