import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormError, SelectField, TextareaField } from "~/components/form-field";
import { compareLocales, getRuleByCode, languageName, updateRule } from "~/models/intake/rules.server";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";

// A language, optionally with a script and a region: pl, pt-BR, zh-Hant, es-419.
const LOCALE_PATTERN = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|\d{3}))?$/;

function canonicalLocale(value: string): string {
  try {
    return Intl.getCanonicalLocales(value)[0] ?? value;
  } catch {
    return value;
  }
}

const TranslationSchema = z.object({
  locale: z.string().trim().transform(canonicalLocale).pipe(z.string().regex(LOCALE_PATTERN, "Use a language code such as pl or pt-BR.")),
  title: z.string().trim().min(1, "Enter a title.").max(120, "Keep the title to 120 characters or fewer."),
  description: z.string().trim().max(1000, "Keep the description to 1,000 characters or fewer."),
});

const RuleEditSchema = z.object({
  severity: z.coerce
    .number({ error: "Choose a severity from 1 to 5." })
    .int("Choose a severity from 1 to 5.")
    .min(1, "Choose a severity from 1 to 5.")
    .max(5, "Choose a severity from 1 to 5."),
  translations: z.array(TranslationSchema).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      if (seen.has(t.locale)) ctx.addIssue({ code: "custom", path: [i, "locale"], message: `This rule already has a ${t.locale} translation; edit it above.` });
      seen.add(t.locale);
    });
  }),
});

type TranslationValues = { locale: string; title: string; description: string };
/** The form as typed: severity, the existing translations, and the one being added. */
type FormValues = { severity: string; translations: TranslationValues[]; added: TranslationValues };

type LoaderData = {
  rule: { code: string; severity: number; updatedAt: string; translations: TranslationValues[] };
  languageNames: Record<string, string>;
};

type ActionData = { ok: true; message: string } | { ok: false; errors: Record<string, string[]>; values: FormValues };

const SEVERITIES = ["1 – minor", "2 – low", "3 – moderate", "4 – high", "5 – critical"];

function notFound() {
  return Response.json({ message: "There is no rule with this code." }, { status: 404, statusText: "Not Found" });
}

function readRuleForm(form: FormData): FormValues {
  const text = (name: string) => form.getAll(name).map(String);
  const [titles, descriptions] = [text("title"), text("description")];
  return {
    severity: String(form.get("severity") ?? ""),
    translations: text("locale").map((locale, i) => ({ locale, title: titles[i] ?? "", description: descriptions[i] ?? "" })),
    added: { locale: text("newLocale")[0] ?? "", title: text("newTitle")[0] ?? "", description: text("newDescription")[0] ?? "" },
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:rules");
  const rule = await getRuleByCode(params.code ?? "");
  if (!rule) throw notFound();
  const translations = rule.translations
    .map(({ locale, title, description }) => ({ locale, title, description }))
    .sort((a, b) => compareLocales(a.locale, b.locale));
  return Response.json({
    rule: { code: rule.code, severity: rule.severity, updatedAt: rule.updatedAt.toISOString(), translations },
    languageNames: Object.fromEntries(translations.map((t) => [t.locale, languageName(t.locale)])),
  } satisfies LoaderData);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manage:rules");
  const form = await readProtectedForm(request);
  const values = readRuleForm(form);
  // Left empty, the "add a translation" fields add nothing.
  const adding = Object.values(values.added).some((v) => v.trim() !== "");
  const parsed = RuleEditSchema.safeParse({
    severity: values.severity,
    translations: adding ? [...values.translations, values.added] : values.translations,
  });
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
    return Response.json({ ok: false, errors, values } satisfies ActionData, { status: 400 });
  }
  const result = await updateRule(userActor(admin), params.code ?? "", parsed.data, requestContext(context).requestId);
  if (!result) throw notFound();
  return Response.json({ ok: true, message: result.changed ? "Rule saved." : "No changes to save." } satisfies ActionData);
}

export default function RuleEditor() {
  const { rule, languageNames } = useLoaderData<LoaderData>();
  const actionData = useActionData<ActionData>();
  const failed = actionData && !actionData.ok ? actionData : null;
  const values: FormValues = failed?.values ?? {
    severity: String(rule.severity),
    translations: rule.translations,
    added: { locale: "", title: "", description: "" },
  };
  const errors = (path: string) => failed?.errors[path];
  const addedAt = values.translations.length;
  const nameOf = (locale: string) => `${languageNames[locale] ?? locale} (${locale})`;

  return (
    <>
      <p>
        <Link to="/admin/rules">All rules</Link>
      </p>
      <h1>
        Rule <code>{rule.code}</code>
      </h1>
      {actionData?.ok ? (
        <p role="status" className="notice success">
          {actionData.message}
        </p>
      ) : null}
      <FormError message={failed ? "Some fields need attention; nothing was saved." : null} />

      <nav aria-label="Translations of this rule">
        <p className="filters">
          {values.translations.map((t) => (
            <a key={t.locale} href={`#locale-${t.locale}`}>
              {nameOf(t.locale)}
            </a>
          ))}
          <a href="#add-translation">Add a translation</a>
        </p>
      </nav>

      <Form method="post" className="stack" key={rule.updatedAt}>
        <CsrfInput />
        <SelectField label="Severity" name="severity" defaultValue={values.severity} errors={errors("severity")} hint="Feeds case priority and escalation.">
          {SEVERITIES.map((label, i) => (
            <option key={label} value={i + 1}>
              {label}
            </option>
          ))}
        </SelectField>

        {values.translations.map((t, i) => (
          <fieldset key={t.locale} id={`locale-${t.locale}`}>
            <legend>{nameOf(t.locale)}</legend>
            <input type="hidden" name="locale" value={t.locale} />
            <Field label={`Title, ${nameOf(t.locale)}`} name="title" lang={t.locale} defaultValue={t.title} maxLength={120} errors={errors(`translations.${i}.title`)} />
            <TextareaField
              label={`Description, ${nameOf(t.locale)}`}
              name="description"
              lang={t.locale}
              defaultValue={t.description}
              maxLength={1000}
              errors={errors(`translations.${i}.description`)}
            />
          </fieldset>
        ))}

        <fieldset id="add-translation">
          <legend>Add a translation</legend>
          <Field
            label="Language code"
            name="newLocale"
            defaultValue={values.added.locale}
            hint="For example uk, pt-BR or zh-Hant. Leave these fields empty to add nothing."
            errors={errors(`translations.${addedAt}.locale`)}
          />
          <Field label="Title" name="newTitle" defaultValue={values.added.title} maxLength={120} errors={errors(`translations.${addedAt}.title`)} />
          <TextareaField
            label="Description"
            name="newDescription"
            defaultValue={values.added.description}
            maxLength={1000}
            errors={errors(`translations.${addedAt}.description`)}
          />
        </fieldset>

        <div>
          <button type="submit">Save rule</button>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ params }) => [{ title: `Rule ${params.code ?? ""} · Vigil` }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
