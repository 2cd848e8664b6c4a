// Form fields: a labelled wrapper with hint and error, an integer input for counts (0–9999, digits only), a PIN input
// and a choice list built from data.
import {
  cloneElement,
  isValidElement,
  useId,
  useState,
  type InputHTMLAttributes,
  type SelectHTMLAttributes,
  type ReactElement,
  type ReactNode,
} from 'react';

export interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** One input/select/textarea; it receives id and aria attributes. */
  children: ReactElement<Record<string, unknown>>;
}

export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
        'aria-invalid': error ? true : undefined,
      })
    : children;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export interface NumberInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> {
  value: number | null;
  onChange: (value: number | null) => void;
  max?: number;
}

/**
 * A count: digits only, 0..max (9999 by default). The text is kept as typed while editing so that a wrong key is
 * visible rather than silently dropped; `null` means empty or not a whole number in range.
 */
export function NumberInput({ value, onChange, max = 9999, className, ...rest }: NumberInputProps) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    if (parseCount(text, max) !== value) setText(value === null ? '' : String(value));
  }
  const parsed = parseCount(text, max);
  const invalid = text !== '' && parsed === null;
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      className={`input num ${className ?? ''}`}
      value={text}
      aria-invalid={invalid || rest['aria-invalid'] === true || undefined}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseCount(e.target.value, max));
      }}
    />
  );
}

export function parseCount(text: string, max = 9999): number | null {
  const t = text.trim();
  if (!/^\d{1,5}$/.test(t)) return null;
  const n = Number(t);
  return n <= max ? n : null;
}

export interface TextInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
}

/** A line of text, handing its value on (like Select and PinInput). */
export function TextInput({ onChange, ...props }: TextInputProps) {
  return (
    <input
      type="text"
      {...props}
      className={`input ${props.className ?? ''}`}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export interface PinInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> {
  value: string;
  onChange: (pin: string) => void;
}

/** A decider's PIN: hidden, digits only, at most 8 (the backend checks it; docs/plenary-decisions.md). */
export function PinInput({ value, onChange, ...rest }: PinInputProps) {
  return (
    <input
      {...rest}
      className="input pin-input"
      type="password"
      inputMode="numeric"
      autoComplete="off"
      maxLength={8}
      value={value}
      onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
    />
  );
}

export interface SelectOption {
  value: string;
  label: ReactNode;
  disabled?: boolean;
}

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'children'> {
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  /** The first, empty choice ("— pilih TPS —", "Semua desa"), when nothing chosen is a state of its own. */
  placeholder?: string;
}

/** A labelled choice list (Field + Select): the label names the list for assistive technology. */
export function SelectField({ label, hint, ...select }: SelectProps & Pick<FieldProps, 'label' | 'hint'>) {
  return (
    <Field label={label} hint={hint}>
      <Select {...select} />
    </Field>
  );
}

/** The options of a label table (`{ kode: 'Label' }`), in its order. */
export function optionsOf(labels: Readonly<Record<string, ReactNode>>): SelectOption[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/** A choice list from data (desa, TPS, anggota, pemilihan): one option per item, its value a string. */
export function Select({ onChange, options, placeholder, ...rest }: SelectProps) {
  return (
    <select {...rest} onChange={(e) => onChange(e.target.value)}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
