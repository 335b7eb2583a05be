/**
 * Links between the views. Each is a real link to the view's shareable URL,
 * so following one adds a history entry and Back returns to the other view.
 */
import { useCompare } from '../../app/compare-store';
import { useLab } from '../../app/lab-store';
import { useLessonRoute } from '../../app/lesson-route';
import { useScenarioLink } from '../../app/scenario-link';
import { hashFor } from '../../app/url-sync';
import type { View } from '../../app/url-state';
import { useView } from '../../app/view-store';

const LINKS: { view: View; label: string }[] = [
  { view: 'lessons', label: 'Lessons' },
  { view: 'playground', label: 'Playground' },
  { view: 'compare', label: 'Compare session vs JWT' },
  { view: 'scenarios', label: 'Scenario tests' },
];

export function ViewNav() {
  const view = useView((s) => s.view);
  // Re-render when either view's configuration changes, so the links carry it.
  useLab((s) => s.steps);
  useLab((s) => s.world);
  useCompare((s) => s.version);
  useLessonRoute((s) => s.target);
  useScenarioLink((s) => s.param);
  return (
    <nav className="view-nav" aria-label="Views">
      {LINKS.map((link) => (
        <a key={link.view} href={hashFor(link.view)} aria-current={view === link.view ? 'page' : undefined}>
          {link.label}
        </a>
      ))}
    </nav>
  );
}
