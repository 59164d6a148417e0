import { BackendConfiguration, rulesFor, serverVerdict, validatePayload } from '@coldatom/backend-config';

const base = 'https://qlued.alqor.io/api/v2/singlequdit';
const payload = {
  experiment_0: {
    instructions: [
      ['load', [0], [50]],
      ['rlx', [0], [7]],
      ['measure', [0], []],
    ],
    shots: 100,
    num_wires: 1,
    wire_order: 'interleaved',
  },
};

const config = BackendConfiguration.parse(await (await fetch(`${base}/get_config`)).json());
const problems = validatePayload(rulesFor(config), payload);
for (const p of problems) console.log(p.severity, p.message);
// error experiment_0, instruction 1 (rlx on wires [0]): parameter omega = 7 is invalid; allowed: 0 ≤ omega ≤ 2π.
console.log(serverVerdict(problems)?.serverMessage); // what the reference server would put after "Error message : "
