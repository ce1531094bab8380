import type { Command } from './command';
export const demo: Command = {
  name: 'demo',
  synopsis: 'demo',
  summary: () => 'demo',
  options: {},
  async run() {
    return 0;
  },
};
