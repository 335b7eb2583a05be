/**
 * Keeps the address bar and the page in step (format in url-state.ts):
 * - on start, the URL's view and configuration are restored;
 * - following a link between views pushes a history entry (hashchange), so
 *   Back and Forward move between views, restoring each one's configuration;
 * - changing a setting inside a view replaces the current entry, so the URL
 *   is always shareable without filling the history with every tweak.
 */
import type { ConfigPatch } from '../sim/config';
import { findSequence } from './compare-sequences';
import { useCompare } from './compare-store';
import { useLab } from './lab-store';
import { useLessonRoute } from './lesson-route';
import { useScenarioLink } from './scenario-link';
import { decodeUrlState, encodeUrlState, patchOf, type UrlState, type View } from './url-state';
import { useView } from './view-store';

const isSequence = (id: string) => findSequence(id) !== undefined;

/** The URL of a view as it stands now (what a link to it should open). */
export function hashFor(view: View): string {
  if (view === 'lessons') return encodeUrlState({ view, authStyle: 'session', config: {}, ...lessonOf(useLessonRoute.getState().target) });
  if (view === 'playground') {
    // While a lesson lends the panels its world, the playground's own is parked.
    const { lent, parked, authStyle } = useLab.getState();
    const world = lent ? (parked?.world ?? null) : useLab.getState().world;
    return encodeUrlState({ view, authStyle: world?.config.authStyle ?? authStyle, config: world ? patchOf(world.config) : {} });
  }
  if (view === 'scenarios') {
    const share = useScenarioLink.getState().param;
    return encodeUrlState({ view, authStyle: 'session', config: {}, ...(share ? { share } : {}) });
  }
  const { session, config, sequence } = useCompare.getState();
  return encodeUrlState({ view, authStyle: 'session', config: session ? patchOf(session.world.config) : config, ...(sequence ? { sequence } : {}) });
}

const lessonOf = (target: UrlState['lesson']) => (target ? { lesson: target } : {});

const same = (a: UrlState, b: UrlState) => encodeUrlState(a) === encodeUrlState(b);

/** Brings the page to a decoded URL state, rebuilding a view's worlds only if they differ from it. */
async function apply(state: UrlState, first: boolean): Promise<void> {
  if (state.view === 'playground') {
    const lab = useLab.getState();
    // No world of its own yet: a lesson took the panels before the playground's first world was ready.
    if (first || !lab.world) return lab.start(state.authStyle, state.config);
    const current = decodeUrlState(hashFor('playground')).state;
    if (lab.world && !same(current, state)) await lab.setAuthStyle(state.authStyle, state.config);
    return;
  }
  if (state.view === 'lessons') {
    useLessonRoute.getState().go(state.lesson);
    return;
  }
  if (state.view === 'scenarios') return useScenarioLink.getState().follow(state.share);
  const compare = useCompare.getState();
  const current = decodeUrlState(hashFor('compare'), isSequence).state;
  if (compare.status === 'idle' || !same(current, state)) await compare.open(state.config as ConfigPatch, state.sequence);
}

export function startUrlSync(win: Window): void {
  let applying = 0;

  const write = () => {
    if (applying > 0) return; // the page is still catching up with the URL: don't overwrite it
    const hash = hashFor(useView.getState().view);
    if (hash !== win.location.hash) win.history.replaceState(win.history.state, '', hash);
  };

  const follow = async (hash: string, first: boolean) => {
    const { state, problems } = decodeUrlState(hash, isSequence);
    useView.setState({ view: state.view, problems });
    applying += 1;
    try {
      // The playground always runs (it is the page's home); the other views' worlds start when first shown.
      await Promise.all([apply(state, first), ...(first && state.view !== 'playground' ? [useLab.getState().start()] : [])]);
    } finally {
      applying -= 1;
      write();
    }
  };

  win.addEventListener('hashchange', () => void follow(win.location.hash, false));
  useLab.subscribe(write);
  useCompare.subscribe(write);
  useLessonRoute.subscribe(write);
  useScenarioLink.subscribe(write);
  useView.subscribe(write);
  void follow(win.location.hash, true);
}
