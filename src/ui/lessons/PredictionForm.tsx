/** Before a step with a prediction runs, the learner chooses an answer; afterwards the reveal says whether it was right and why. */
import { useId, useState } from 'react';
import type { Prediction } from '../../lessons';

export function PredictionForm({ prediction, answered, onAnswer }: { prediction: Prediction; answered?: { choice: string; correct: boolean }; onAnswer(choice: string): void }) {
  const [choice, setChoice] = useState<string | null>(null);
  const name = useId();
  if (answered) {
    return (
      <div className={answered.correct ? 'reveal right' : 'reveal wrong'} role="status">
        <p className="question">{prediction.question}</p>
        <p>
          <strong>{answered.correct ? 'Right.' : 'Not quite.'}</strong> You chose “{answered.choice}”
          {answered.correct ? '.' : `; the answer is “${prediction.answer}”.`}
        </p>
        {prediction.explain && <p>{prediction.explain}</p>}
      </div>
    );
  }
  return (
    <form
      className="prediction"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice !== null) onAnswer(choice);
      }}
    >
      <fieldset>
        <legend>Predict first: {prediction.question}</legend>
        {prediction.choices.map((c) => (
          <label key={c}>
            <input type="radio" name={name} value={c} checked={choice === c} onChange={() => setChoice(c)} /> {c}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={choice === null}>
        Lock in my prediction
      </button>
    </form>
  );
}
