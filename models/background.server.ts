// Work the app process does besides answering requests (the search sync worker).
// Each module registers its starter here; started once per process.
type Starter = () => void;
const starters: Starter[] = [];
let started = false;

export function registerBackgroundWork(s: Starter) {
  starters.push(s);
  if (started) s();
}

export function startBackgroundWork() {
  if (started || process.env.HUB_NO_BACKGROUND === "1") return;
  started = true;
  for (const s of starters) s();
}
