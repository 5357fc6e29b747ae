import { type AppLoadContext, redirect } from 'react-router';
import type { SignedInUser } from '../../http/app-env.ts';
import { runFormAction } from '../action-result.server.ts';
import { requireWebUser } from '../auth.server.ts';
import { readCodingForm } from '../components/incident-coding-fields.tsx';

/**
 * The action of a page that codes incident `params.ref`: `save` gets the signed-in user, the form
 * and the coding read from it. Saved, back to the incident page with `?done=`; refused, the
 * failure for the form to show.
 */
export async function runIncidentCodingAction(
  {
    context,
    request,
    params,
  }: { context: AppLoadContext; request: Request; params: { id: string; ref: string } },
  done: string,
  save: (
    user: SignedInUser,
    form: FormData,
    coding: ReturnType<typeof readCodingForm>,
  ) => Promise<{ ref: string }>,
) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const coding = readCodingForm(form);
  const result = await runFormAction(form, () => save(user, form, coding));
  if (!('ref' in result)) return result;
  return redirect(
    `/relationships/${encodeURIComponent(params.id)}/incidents/${encodeURIComponent(result.ref)}?done=${done}`,
  );
}
