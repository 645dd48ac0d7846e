/** A clipboard event as the browser sends it, for tests: jsdom has no ClipboardEvent or DataTransfer. */
export function clipboardEvent(type: 'copy' | 'cut' | 'paste', text = '') {
  const data = new Map([['text/plain', text]]);
  const event = new Event(type, { bubbles: true, cancelable: true });
  const clipboardData = {
    getData: (format: string) => data.get(format) ?? '',
    setData: (format: string, value: string) => void data.set(format, value),
  };
  Object.defineProperty(event, 'clipboardData', { value: clipboardData });
  return { event, text: () => data.get('text/plain') ?? '' };
}
