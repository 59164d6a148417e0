import { describe, expect, expectTypeOf, it } from 'vitest';
import { CliInputError } from '../src/cli-input-error.js';
import { defineCommand, type Positional } from '../src/command.js';
import { fakeIo } from './support/fake-io.js';

describe('defineCommand', () => {
  it('types the arguments an action gets from the declared ones: <required>, [optional], variadic', () => {
    expectTypeOf<Positional<[{ name: '<id>'; description: '' }, { name: '<dir>'; description: '' }]>>().toEqualTypeOf<readonly [string, string]>();
    expectTypeOf<Positional<[{ name: '[hostUrl]'; description: '' }]>>().toEqualTypeOf<readonly [string?]>();
    expectTypeOf<Positional<[{ name: '<id>'; description: '' }, { name: '<files...>'; description: '' }]>>().toEqualTypeOf<
      readonly [string, string, ...string[]]
    >();
    expectTypeOf<Positional<[]>>().toEqualTypeOf<readonly []>();
  });

  it('passes the declared arguments through to the action', async () => {
    const seen: (readonly string[])[] = [];
    const command = defineCommand({
      name: 'export',
      summary: 'test',
      arguments: [
        { name: '<id>', description: 'job id' },
        { name: '[dir]', description: 'folder' },
      ],
      examples: ['coldatom export j1'],
      action: async ([id, dir]) => {
        seen.push(dir === undefined ? [id] : [id, dir]);
        return 0;
      },
    });
    expect(await command.action?.(['j1'], {}, fakeIo())).toBe(0);
    expect(await command.action?.(['j1', 'out'], {}, fakeIo())).toBe(0);
    expect(seen).toEqual([['j1'], ['j1', 'out']]);
  });

  it('refuses with CliInputError, naming the arguments, when the action is reached without a required one or with too many', async () => {
    const command = defineCommand({
      name: 'show',
      summary: 'test',
      arguments: [{ name: '<id>', description: 'job id' }],
      examples: ['coldatom show j1'],
      action: async () => 0,
    });
    await expect(command.action?.([], {}, fakeIo())).rejects.toThrow(CliInputError);
    await expect(command.action?.([], {}, fakeIo())).rejects.toThrow('The show command takes <id>, got 0 arguments');
    await expect(command.action?.(['a', 'b'], {}, fakeIo())).rejects.toThrow('The show command takes <id>, got 2 arguments');
  });
});
