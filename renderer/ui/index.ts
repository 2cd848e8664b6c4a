// UI primitives with no feature or API knowledge. The theme is renderer/ui/theme.css (imported once by main.tsx).
export { Button, type ButtonProps } from './Button';
export { Card, type CardProps } from './Card';
export { HeadRow, Table, type Column, type TableProps } from './Table';
export { StatusPill, Badge, type Tone } from './StatusPill';
export { Dialog, type DialogProps } from './Dialog';
export {
  Field,
  NumberInput,
  PinInput,
  Select,
  SelectField,
  TextInput,
  optionsOf,
  parseCount,
  type FieldProps,
  type NumberInputProps,
  type SelectOption,
} from './Field';
export { ToastProvider, useToast, type ToastInput } from './Toast';
export { Tabs, type TabItem } from './Tabs';
export { ProgressBar, Progress, StepStatus } from './ProgressBar';
export { EmptyState } from './EmptyState';
export { FilePicker, type FilePickerProps } from './FilePicker';
