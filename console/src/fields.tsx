import { FunctionField, useFieldValue } from 'react-admin';

import { formatBytes } from './format-bytes';

interface SourceProps {
  source: string;
  label?: string;
}

const useText = (source: string): string | undefined => {
  const value: unknown = useFieldValue({ source });
  return typeof value === 'string' ? value : undefined;
};

/** An Int64 byte count shown as a human size, with the exact count on hover. */
export function BytesField({ source }: SourceProps) {
  const value = useText(source);
  return (
    <FunctionField
      source={source}
      title={value ? `${value} bytes` : undefined}
      render={() => formatBytes(value)}
    />
  );
}

/** A long hex digest, shortened to its first characters, the whole value on hover. */
export function DigestField({ source }: SourceProps) {
  const value = useText(source);
  if (!value) return null;
  return (
    <FunctionField
      source={source}
      title={value}
      sx={{ fontFamily: 'monospace' }}
      render={() => `${value.slice(0, 16)}…`}
    />
  );
}
