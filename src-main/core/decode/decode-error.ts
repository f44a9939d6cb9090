// The one error the decode stage throws: its message is shown to a person next to the file.

export class DecodeError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'DecodeError';
  }
}
