/** Headers as the learner should read them: Cookie and Set-Cookie under their real names. */
import type { HeaderList } from '../../sim/trace';
import { displayName } from '../format';

export function HeaderTable({ headers, caption }: { headers: HeaderList; caption: string }) {
  return (
    <table className="headers">
      <caption>{caption}</caption>
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={`${name}-${i}`}>
            <th scope="row">{displayName(name)}</th>
            <td>
              <code>{value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
