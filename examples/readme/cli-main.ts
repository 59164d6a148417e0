import { main } from '@coldatom/cli';

process.exitCode = await main(['run', 'examples/rabi.json', '--json']);
