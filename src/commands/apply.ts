import { parseArgs } from 'node:util';
import { join, relative, resolve } from 'node:path';
import { NOT_STARTED } from '../apply/apply.js';
import { applyReviewedPlan } from '../apply/apply-reviewed.js';
import type { ItemResult } from '../apply/execute.js';
import { Journal } from '../apply/journal.js';
import { formatDiagnostic } from '../diagnostics.js';
import type { Change, Plan } from '../plan/change.js';
import { hasBlockingFindings } from '../plan/findings.js';
import { readPlanFile } from '../plan/read-plan.js';
import { renderApplyJson, renderApplyMarkdown, renderApplyText, type ApplyOutcome } from '../render/apply-report.js';
import { renderText } from '../render/text.js';
import { beforeInterrupt, INTERRUPTED, interruptedBeforeWriting } from './interrupt.js';
import { EXIT, UsageError, type Command } from './command.js';
import { lockOptions, runForceUnlock } from './apply-lock.js';
import { canAsk, confirmed } from './confirm.js';
import { computePlan } from './compute-plan.js';
import { formatOption, PLAN_OPTIONS, planInputs } from './options.js';
import { wantsProgress } from './progress.js';

const usage = `Usage: snac apply --plan plan.json [--dir accounts] [--instance name | --instance-url URL]
       snac apply --auto-approve [--dir accounts] [--instance name | --instance-url URL]
       snac apply [--dir accounts] [--instance name | --instance-url URL]   (on a terminal: asks)
       snac apply --force-unlock [--dir accounts] [--instance name | --instance-url URL]

Applies exactly the reviewed plan. It reads the instance again, plans again, and refuses
(writing nothing) when the result differs from the plan given: the instance or the
declarations changed since the review; a fresh plan that is the reviewed one partly applied
(an interrupted run, even from another checkout) is accepted and finishes the rest without
repeating anything. Every write is journaled. An apply holds the instance's advisory apply
lock (an inactive group named "snac apply lock <run>") while it runs; a second apply is
refused, naming the holder, its run and the lock's expiry.

Options:
  --plan <file>         the reviewed plan (written by snac plan --out)
  --auto-approve        plan and apply in one go (local use; no review). Without --plan or
                        --auto-approve, on a terminal, snac apply shows the plan and applies
                        it only if you answer "yes"
  --dir, --config, --instance, --instance-url, --allow, --page-size   as for snac plan
  --journal <file>      where to journal writes (default .snac/journal/<host>-<plan>.jsonl)
  --format <f>          text (default), markdown (for the merged PR) or json
  --concurrency <n>     writes in flight at once (default 4)
  --batch <n>           send up to n writes per Batch API request (/api/now/v1/batch): fewer
                        round trips; items the instance leaves unserviced are sent again
  --max-wait <s>        the longest the instance's rate limit may ask snac to wait (default
                        60); past it, snac starts no new request, lets those in flight finish,
                        and reports what remains and when to resume
  --force-unlock        remove the apply lock of an apply whose holder is gone (a killed
                        runner); it expires on its own 10 minutes after its last renewal

Exit codes: 0 the instance matches the declarations after applying (whatever happened on the
way), 1 refused, not converged, not confirmed (the instance could not be read again) or not
answered "yes", 3 stopped by the instance's rate limit (run the same apply again after the
time shown), 130 interrupted (Ctrl-C; run the same apply again to finish).`;

export const applyCommand: Command = {
  name: 'apply',
  summary: 'apply a reviewed plan to an instance, journaled and resumable',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        ...PLAN_OPTIONS,
        plan: { type: 'string' },
        'auto-approve': { type: 'boolean' },
        journal: { type: 'string' },
        format: { type: 'string' },
        concurrency: { type: 'string' },
        batch: { type: 'string' },
        'max-wait': { type: 'string' },
        'force-unlock': { type: 'boolean' },
      },
      strict: true,
    });
    if (values['force-unlock'] === true) {
      if (values.plan !== undefined || values['auto-approve'] === true) throw new UsageError('--force-unlock only removes the apply lock; run it on its own, then apply');
      return runForceUnlock(values, io);
    }
    if (values.plan !== undefined && values['auto-approve'] === true) throw new UsageError('pass either --plan <file> (the reviewed plan) or --auto-approve, not both');
    const ask = values.plan === undefined && values['auto-approve'] !== true;
    if (ask && !canAsk(io)) throw new UsageError('pass --plan <file> (the reviewed plan) or --auto-approve: without them snac apply shows the plan and asks for "yes", which needs a terminal');
    const format = formatOption(values.format, ['text', 'markdown', 'json']);
    const concurrency = Number(values.concurrency ?? '4');
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError(`--concurrency must be 1..16, got "${values.concurrency}"`);
    const maxWait = Number(values['max-wait'] ?? '60');
    if (!Number.isInteger(maxWait) || maxWait < 0 || maxWait > 3600) throw new UsageError(`--max-wait must be 0..3600 seconds, got "${values['max-wait']}"`);
    const inputs = { ...planInputs(values, io.cwd), maxWaitMs: maxWait * 1000 };
    const batchSize = Number(values.batch ?? '1');
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100) throw new UsageError(`--batch must be 1..100, got "${values.batch}"`);

    const reviewed = values.plan === undefined ? undefined : await readPlanFile(resolve(io.cwd, values.plan));
    const fresh = await beforeInterrupt(io, computePlan(io, inputs));
    if (fresh === INTERRUPTED) {
      io.stderr.write(interruptedBeforeWriting('apply'));
      return EXIT.interrupted;
    }
    if (fresh.kind === 'invalid') {
      for (const d of fresh.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      io.stderr.write('snac apply: the declarations are invalid; nothing was written\n');
      return EXIT.error;
    }
    if (ask) {
      const instanceName = fresh.target.name ?? fresh.target.host;
      io.stdout.write(renderText(fresh.plan, { color: Boolean(io.stdout.isTTY) && !io.env['NO_COLOR'], instanceName }));
      if (hasBlockingFindings(fresh.plan)) return EXIT.error;
      if (fresh.plan.changes.length === 0) return EXIT.ok;
      const count = fresh.plan.changes.length === 1 ? 'this change' : `these ${fresh.plan.changes.length} changes`;
      if (!(await confirmed(io, `\nApply ${count} to ${instanceName} (${fresh.target.host})? Only "yes" applies: `))) {
        io.stderr.write('snac apply: not applied (the answer was not "yes"); nothing was written\n');
        return EXIT.error;
      }
    }
    const target = reviewed ?? fresh.plan;
    const journal = new Journal(values.journal ? resolve(io.cwd, values.journal) : join(io.cwd, '.snac', 'journal', `${fresh.target.host.replace(/[^A-Za-z0-9.-]/g, '_')}-${target.planHash.slice(0, 16)}.jsonl`));
    const progress = wantsProgress(io);
    const stop = new AbortController();
    void io.interrupted.then(() => stop.abort());
    const result = await applyReviewedPlan({
      reviewed: target,
      desired: fresh.desired,
      api: fresh.api,
      journal,
      planOptions: fresh.context,
      lock: lockOptions(io.env),
      ...(inputs.pageSize === undefined ? {} : { pageSize: inputs.pageSize }),
      signal: stop.signal,
      concurrency,
      batchSize,
      ...(values['auto-approve'] === true ? { beforeWrites: (p: Plan) => io.stderr.write(renderText(p, { color: false, instanceName: fresh.target.name ?? fresh.target.host })) } : {}),
      ...(progress ? { onItem: (change: Change, item: ItemResult) => io.stderr.write(`  ${item.outcome} ${change.action} ${change.kind} ${change.key}\n`) } : {}),
    });
    if (result.kind === 'refused') {
      for (const f of result.findings) io.stderr.write(`${formatDiagnostic(f)}\n`);
      if (result.reason !== 'stale') io.stderr.write(`snac apply: ${result.message}; nothing was written\n`);
      return EXIT.error;
    }
    const outcome: ApplyOutcome = {
      instance: fresh.target.host,
      planHash: target.planHash,
      items: result.report.items,
      remaining: result.remaining ?? [],
      ...(result.reReadError === undefined ? {} : { unverified: result.reReadError }),
      notes: [
        ...(result.alreadyInPlace > 0 ? [`Resumed: ${result.alreadyInPlace} of the reviewed plan's ${target.changes.length} changes were already in place (an earlier, interrupted run or the same change made by hand); only the rest was written.`] : []),
        ...(result.rateLimited ? [`Stopped by the instance's rate limit: ${result.remaining?.length ?? 0} changes remaining; resume after ${result.rateLimited.resumeAfter ?? 'the limit resets'} by running the same snac apply again.`] : []),
      ],
    };
    io.stdout.write(format === 'json' ? renderApplyJson(outcome) : format === 'markdown' ? renderApplyMarkdown(outcome) : renderApplyText(outcome));
    if (stop.signal.aborted) {
      const notStarted = result.report.items.filter((i) => i.result === NOT_STARTED).length;
      io.stderr.write(`snac apply: interrupted: ${notStarted} of ${result.report.items.length} writes were not started; those in flight finished, and every write is in the journal ${relative(io.cwd, journal.path)}. Run the same snac apply again to finish the rest: nothing is written twice.\n`);
      return EXIT.interrupted;
    }
    // Converged is what counts: a write that failed on the way but whose effect is in place
    // (or that a re-run fixed) does not make the apply red.
    if (result.remaining?.length === 0) return EXIT.ok;
    return result.rateLimited ? EXIT.rateLimited : EXIT.error;
  },
};
