// Command-line plumbing shared by the interop scripts: `--name value` arguments, and failing
// loudly (message on stderr, exit code 1) so the C++ test sees every error.
'use strict';

const path = require('path');

function fail(message) {
  process.stderr.write(`${path.basename(process.argv[1])}: ${message}\n`);
  process.exit(1);
}

// The arguments as {name: value}; fails naming the first of `required` that is missing.
function parseArgs(required) {
  const argv = process.argv.slice(2);
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) fail(`bad arguments: ${argv.join(' ')}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const need of required)
    if (!args[need]) fail(`missing --${need}; see the usage at the top of the script`);
  return args;
}

module.exports = { fail, parseArgs };
