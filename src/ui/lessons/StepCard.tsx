/**
 * The current step: what happens, the prediction to make first, hints one
 * at a time, the Run button, and after the run the step's checks.
 */
import { useEffect, useRef } from 'react';
import { useLessonSession } from '../../app/lesson-session';
import { stepText, type NumberedStep } from '../../app/lesson-steps';
import { useProgress } from '../../app/progress-store';
import type { Lesson } from '../../lessons';
import { CheckTable } from './CheckTable';
import { PredictionForm } from './PredictionForm';

export function StepCard({ lesson, at, total }: { lesson: Lesson; at: NumberedStep; total: number }) {
  const { status, reports, hintsShown, predict, run, showHint } = useLessonSession();
  const answered = useProgress((s) => s.lessons[lesson.id]?.predictions[at.number]);
  const heading = useRef<HTMLHeadingElement>(null);
  const report = reports[at.number];
  const { step } = at;
  const waitingForPrediction = !!step.predict && !answered;

  // Keyboard and screen-reader users land on the new step, not at the top of the page.
  useEffect(() => {
    if (heading.current && document.activeElement && document.activeElement !== document.body && heading.current.closest('.lesson')?.contains(document.activeElement)) {
      heading.current.focus();
    }
  }, [at.number]);

  return (
    <section className="step-card" aria-labelledby="current-step-title">
      <h4 id="current-step-title" ref={heading} tabIndex={-1}>
        Step {at.number} of {total}: <code>{stepText(step)}</code>
      </h4>
      {step.say && <p>{step.say}</p>}
      {step.predict && <PredictionForm key={`${lesson.id}/${at.number}`} prediction={step.predict} answered={answered} onAnswer={predict} />}
      {step.hints.length > 0 && (
        <div className="hints">
          {hintsShown > 0 && (
            <ol aria-label="Hints">
              {step.hints.slice(0, hintsShown).map((h) => (
                <li key={h}>{h}</li>
              ))}
            </ol>
          )}
          {hintsShown < step.hints.length && (
            <button type="button" onClick={showHint}>
              Show a hint ({hintsShown + 1} of {step.hints.length})
            </button>
          )}
        </div>
      )}
      <div className="buttons">
        <button type="button" className="primary" disabled={waitingForPrediction || status !== 'ready'} onClick={() => void run()}>
          {report ? 'Run this step again' : 'Run step'}
        </button>
        {waitingForPrediction && <span className="note">Choose your prediction first.</span>}
      </div>
      <div aria-live="polite">
        {status === 'running' && <p>Running the step… watch the panels.</p>}
        {status === 'preparing' && <p>Preparing the world for this step…</p>}
        {report && status !== 'running' && (
          <p className={report.status === 'passed' ? 'ok' : 'error'}>
            <strong>{report.status === 'passed' ? 'Every check passed.' : 'Some checks failed.'}</strong>
            {report.status !== 'passed' && ' Reset the lesson to start from a fresh world.'}
          </p>
        )}
      </div>
      {report && <CheckTable report={report} caption={`Checks of step ${at.number}`} />}
    </section>
  );
}
