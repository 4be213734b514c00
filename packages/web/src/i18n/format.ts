// Message templates: '{name}' placeholders filled from a parameter object; a missing one stays visible.

export type MessageParams = Record<string, string | number>;

export function messageFormat(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
