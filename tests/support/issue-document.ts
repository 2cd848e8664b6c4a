// Issuing a document in tests: `issueOk` unwraps an issued document (a refusal fails the test with its message and
// detail), `issueRefused` expects a refusal and gives its error.
import type { ApiError } from '../../shared/domain/result';
import type { BackendContext } from '../../electron/main/backend/context';
import {
  issueDocument,
  type IssueInput,
  type IssuedDocument,
} from '../../electron/main/backend/services/documents/documents.service';

export async function issueOk(ctx: BackendContext, input: IssueInput): Promise<IssuedDocument> {
  const r = await issueDocument(ctx, input);
  if (!r.ok) throw new Error(`document refused: ${r.error.code} ${r.error.message}\n${r.error.detail ?? ''}`);
  return r.value;
}

export async function issueRefused(ctx: BackendContext, input: IssueInput): Promise<ApiError> {
  const r = await issueDocument(ctx, input);
  if (r.ok) throw new Error(`document issued although a refusal was expected: ${r.value.row.fileName}`);
  return r.error;
}
