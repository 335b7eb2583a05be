/**
 * One lesson: its prose, then each scenario's steps one at a time, with
 * the steps already run (and their checks), the current step, and the
 * controls to move between steps and lessons. The lab panels beside it
 * show the lesson's world.
 */
import { useLessonSession } from '../../app/lesson-session';
import { numberSteps, stepText } from '../../app/lesson-steps';
import { useProgress } from '../../app/progress-store';
import type { Lesson } from '../../lessons';
import { CheckTable } from './CheckTable';
import { lessonHref } from './LessonList';
import { Markdown } from './Markdown';
import { withoutSections } from './markdown-lite';
import { StepCard } from './StepCard';

const HIDDEN_SECTIONS = ['solution', 'takeaway'];

export function LessonPage({ lesson, lessons }: { lesson: Lesson; lessons: Lesson[] }) {
  const { step, status, reports, replayed, solutionShown, error, goToStep, reset, toggleSolution } = useLessonSession();
  const progress = useProgress((s) => s.lessons[lesson.id]);
  const steps = numberSteps(lesson);
  const at = steps[step - 1]!;
  const total = steps.length;
  const position = lessons.indexOf(lesson);
  const previousLesson = lessons[position - 1];
  const nextLesson = lessons[position + 1];
  const lastPassed = step === total && reports[step]?.status === 'passed';
  const idle = status === 'ready';
  const currentScenarioPart = lesson.parts.findIndex((p) => p.kind === 'scenario' && p.scenario === at.scenario);

  return (
    <article className="pane lesson" aria-labelledby="lesson-title">
      <p>
        <a href="#/lessons">← All lessons</a>
      </p>
      <h2 id="lesson-title">{lesson.title}</h2>
      <p className="lesson-progress">
        Step {step} of {total} · {progress?.completedSteps.length ?? 0} done{progress?.completed ? ' · completed' : ''}
      </p>
      <h3>Objectives</h3>
      <ul>
        {lesson.objectives.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
      {lesson.proves.length > 0 && <p className="proves">Proves checklist items {lesson.proves.join(', ')}.</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}

      {lesson.parts.slice(0, currentScenarioPart + 1).map((part, i) => {
        if (part.kind === 'prose') {
          const source = withoutSections(part.markdown, HIDDEN_SECTIONS);
          return source.trim() ? <Markdown key={i} source={source} baseLevel={3} /> : null;
        }
        const mine = steps.filter((s) => s.scenario === part.scenario);
        const current = part.scenario === at.scenario;
        return (
          <section key={i} className="scenario" aria-label={`Scenario: ${part.scenario.name}`}>
            <h3>Scenario: {part.scenario.name}</h3>
            <p className="note">A fresh world: {current ? 'the panels show it as the steps run.' : 'done.'}</p>
            <ol className="done-steps" aria-label={`Steps of ${part.scenario.name} so far`}>
              {mine
                .filter((s) => s.number < step)
                .map((s) => {
                  const report = current ? reports[s.number] : undefined;
                  const done = progress?.completedSteps.includes(s.number);
                  const verdict = report ? (replayed.includes(s.number) ? 'replayed' : report.status) : done ? 'passed' : 'skipped';
                  return (
                    <li key={s.number} className={verdict}>
                      <span>
                        {s.number}. <code>{stepText(s.step)}</code> — {verdict}
                      </span>
                      {report && report.checks.length > 0 && (
                        <details>
                          <summary>Checks of step {s.number}</summary>
                          <CheckTable report={report} caption={`Checks of step ${s.number}`} />
                        </details>
                      )}
                    </li>
                  );
                })}
            </ol>
            {current && <StepCard lesson={lesson} at={at} total={total} />}
            {current && mine.length > at.indexInScenario + 1 && <p className="note">{mine.length - at.indexInScenario - 1} more step(s) in this scenario.</p>}
          </section>
        );
      })}

      <nav className="buttons lesson-nav" aria-label="Steps">
        <button type="button" disabled={!idle || step <= 1} onClick={() => goToStep(step - 1)}>
          ◀ Previous step
        </button>
        <button type="button" disabled={!idle || step >= total} onClick={() => goToStep(step + 1)}>
          Next step ▶
        </button>
        <button type="button" disabled={!idle} onClick={() => void reset()}>
          Reset lesson
        </button>
        <button type="button" aria-expanded={solutionShown} aria-controls="lesson-solution" onClick={toggleSolution}>
          {solutionShown ? 'Hide solution' : 'Show solution'}
        </button>
      </nav>
      <div id="lesson-solution" hidden={!solutionShown}>
        <h3>Solution</h3>
        <Markdown source={lesson.solution} baseLevel={4} />
      </div>

      {lastPassed && (
        <section className="takeaway" aria-labelledby="takeaway-title">
          <h3 id="takeaway-title">Lesson complete. Takeaway</h3>
          <Markdown source={lesson.takeaway} baseLevel={4} />
        </section>
      )}
      <nav className="buttons lesson-nav" aria-label="Lessons">
        {previousLesson && <a href={lessonHref(previousLesson.id)}>◀ Previous lesson: {previousLesson.title}</a>}
        {nextLesson ? <a href={lessonHref(nextLesson.id)}>Next lesson: {nextLesson.title} ▶</a> : <a href="#/lessons">All lessons</a>}
      </nav>
    </article>
  );
}
