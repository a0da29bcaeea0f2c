import { packageConfig } from '../../tsup.base';

// `index` is the programmatic API (`main()`); `bin` is the `rt` executable. src/bin.ts starts
// with a `#!/usr/bin/env node` line, which esbuild keeps at the top of dist/bin.js.
export default packageConfig({ index: 'src/index.ts', bin: 'src/bin.ts' });
