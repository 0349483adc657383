// Several training runs advanced in turn, so that their loss curves grow side by side.

/**
 * `runs` is an object {name: asyncIterator of Progress} (e.g. the engine's `train(...)`).
 * Yields `{name: latest Progress}` each time any run advances; a run that throws is recorded as
 * `{error}` under its name while the others go on. Returning the generator (Framework does so when
 * the cell is invalidated) returns every run.
 */
export async function* race(runs) {
  const names = Object.keys(runs);
  const latest = Object.fromEntries(names.map((name) => [name, null]));
  const active = new Set(names);
  try {
    while (active.size) {
      for (const name of names) {
        if (!active.has(name)) continue;
        try {
          const {value, done} = await runs[name].next();
          if (done) active.delete(name);
          else latest[name] = value;
          if (value?.done) active.delete(name);
        } catch (error) {
          latest[name] = {error, history: latest[name]?.history ?? []};
          active.delete(name);
        }
        yield {...latest};
      }
    }
  } finally {
    for (const name of names) await runs[name].return?.();
  }
}

/**
 * Rows {run, epoch, loss, accuracy} for plotting a race's state (the object `race` yields), and
 * a summary row per run, including runs that failed (`error`) or have not reported yet.
 */
export function raceRows(state) {
  const rows = [];
  const summary = [];
  for (const [run, p] of Object.entries(state ?? {})) {
    for (const h of p?.history ?? []) if (Number.isFinite(h.loss)) rows.push({run, epoch: h.epoch, loss: h.loss, accuracy: h.accuracy});
    summary.push({run, epoch: p?.epoch ?? null, loss: p && !p.error ? p.loss : null, accuracy: p && !p.error ? p.accuracy ?? null : null, validationAccuracy: p && !p.error ? p.validationAccuracy ?? null : null, error: p?.error?.message ?? null});
  }
  return {rows, summary};
}
