// The practice submission form (modelled on the Migration Network Hub's practice template).
// A real form: works without JavaScript; with it, rich sections use Lexical and the draft
// is saved automatically every few seconds.
import { CallSelect } from "./call-select";
import type { CallInfo } from "../../models/call.server";
import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { intlLocale } from "~/i18n/config";
import { CountryPicker } from "~/components/country-picker";
import { CsrfField } from "~/components/csrf-field";
import { SimilarPractices, type RelatedItem } from "~/components/related-practices";
import { useUnsavedChangesGuard } from "~/components/form-safety";
import { RichTextField } from "~/editor/rich-text-field";
import { practiceLabels } from "../../models/practice-labels";
import { EMPTY_OUTCOME_ROWS, evidenceLevels, MAX_OUTCOMES, sdgTargetList, suggestedTargets } from "../../models/practice-evidence";
import { isRequired, MAX_LINKS, MAX_SUMMARY, practiceSectionKeys, type PracticeFormValues } from "../../models/practice-form";
import {
  budgetRanges,
  contentLanguages,
  implementationStatuses,
  objectives,
  principles,
  scopes,
  stakeholderTypes,
} from "../../models/taxonomy";

export interface PracticeFormProps {
  values: PracticeFormValues;
  errors?: Record<string, string>;
  /** Where the form posts; undefined = the current route. */
  action?: string;
  /** The draft's id once it exists (autosave then updates it instead of creating one). */
  practiceId?: string;
  canSubmit?: boolean;
  autosaveMs?: number;
  /** Similar published practices found at the last save (shown without JavaScript). */
  similar?: RelatedItem[];
  /** Calls for practices it may answer, and the call a refused post named (calls, decision 031). */
  calls?: CallInfo[];
  errorCall?: CallInfo | null;
}

interface AutosaveData {
  savedAt?: string;
  id?: string;
  errors?: Record<string, string>;
  autosave?: boolean;
}

function Label({ htmlFor, name, children }: { htmlFor: string; name: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={htmlFor}>
      {children}
      {isRequired(name) ? <span className="required"> ({t("form.required")})</span> : null}
    </label>
  );
}

function Legend({ name, children }: { name: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <legend>
      {children}
      {isRequired(name) ? <span className="required"> ({t("form.required")})</span> : null}
    </legend>
  );
}

export function PracticeForm({ values, errors = {}, action, practiceId, canSubmit = true, autosaveMs = 5000, similar, calls = [], errorCall }: PracticeFormProps) {
  const { t, i18n } = useTranslation(["practices", "taxonomy", "common"]);
  const label = practiceLabels(t, undefined, i18n.language);
  const formRef = useRef<HTMLFormElement>(null);
  const fetcher = useFetcher<AutosaveData>();
  const navigation = useNavigation();
  const [draftId, setDraftId] = useState(practiceId);
  const [status, setStatus] = useState("");
  const lastSaved = useRef<string | null>(null);
  // Leaving with edits that neither a submit nor an autosave has stored asks first.
  const guard = useUnsavedChangesGuard(formRef);
  const savingVersion = useRef(0);
  const postTo = draftId ? `/practices/${draftId}/edit` : action;

  const err = (name: string) => (errors[name] ? t(errors[name]) : undefined);
  const described = (name: string, hint = false) =>
    [hint ? `f-${name}-hint` : "", errors[name] ? `f-${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  const errorText = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`f-${name}-error`}>
        {t(errors[name])}
      </p>
    ) : null;
  const invalid = (name: string) => (errors[name] ? true : undefined);

  const serialize = () => {
    if (!formRef.current) return "";
    const fd = new FormData(formRef.current);
    fd.delete("_csrf");
    return new URLSearchParams(fd as unknown as Record<string, string>).toString();
  };

  // Autosave: every few seconds, when something changed since the last save.
  useEffect(() => {
    if (lastSaved.current === null) lastSaved.current = serialize();
    const timer = window.setInterval(() => {
      if (!formRef.current || fetcher.state !== "idle" || navigation.state !== "idle") return;
      const now = serialize();
      if (now === lastSaved.current) return;
      const fd = new FormData(formRef.current);
      if (!String(fd.get("title") ?? "").trim()) return;
      fd.set("intent", "autosave");
      lastSaved.current = now;
      savingVersion.current = guard.version();
      fetcher.submit(fd, { method: "post", action: postTo });
    }, autosaveMs);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, navigation.state, postTo, autosaveMs]);

  useEffect(() => {
    const d = fetcher.data;
    if (!d || fetcher.state !== "idle") return;
    if (d.id && !draftId) setDraftId(d.id);
    if (d.savedAt) {
      guard.markSaved(savingVersion.current);
      const time = new Intl.DateTimeFormat(intlLocale(i18n.language), { hour: "2-digit", minute: "2-digit" }).format(new Date(d.savedAt));
      setStatus(t("form.savedAt", { time }));
    } else if (d.errors) {
      setStatus(t("form.autosaveFailed"));
    }
  }, [fetcher.data, fetcher.state, draftId, i18n.language, t, guard]);

  // The SDG targets suggested for the chosen objectives (followed live with JavaScript; without
  // it, for the objectives as last saved). Suggestions are marked, never ticked for the submitter.
  const [chosenObjectives, setChosenObjectives] = useState(() => values.objectives.map(Number).filter(Number.isFinite));
  const onObjectivesChange = () => {
    if (!formRef.current) return;
    const boxes = formRef.current.querySelectorAll<HTMLInputElement>('input[name="objectives"]:checked');
    setChosenObjectives(Array.from(boxes, (b) => Number(b.value)));
  };
  const suggestions = new Map(suggestedTargets(chosenObjectives).map((s) => [s.target, s.objectives]));
  const outcomeRows = Array.from({ length: Math.min(MAX_OUTCOMES, values.outcomes.length + EMPTY_OUTCOME_ROWS) }, (_, i) =>
    values.outcomes[i] ?? { indicator: "", baseline: "", result: "", year: "", source: "" },
  );

  const errorNames = Object.keys(errors);
  const linkRows = Array.from({ length: MAX_LINKS }, (_, i) => values.links[i] ?? { title: "", url: "" });

  return (
    <Form method="post" action={postTo} ref={formRef} className="practice-form" noValidate>
      <CsrfField />
      {values.translationOf ? <input type="hidden" name="translationOf" value={values.translationOf} /> : null}
      {draftId ? <input type="hidden" name="practiceId" value={draftId} /> : null}
      {errorNames.length ? (
        <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
          <h2 id="error-summary-title">{t("form.errorSummary", { ns: "common" })}</h2>
          <ul>
            {errorNames.map((name) => (
              <li key={name}>
                <a href={`#f-${name}`}>
                  {t(`form.labels.${name.replace(/-\d+$/, "")}`, { n: Number(name.match(/-(\d+)$/)?.[1] ?? 0) + 1 })}: {t(errors[name])}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="hint">{t("form.requiredExplained")}</p>

      <fieldset>
        <legend>{t("form.steps.basics")}</legend>
        <div className="field">
          <Label htmlFor="f-title" name="title">{t("form.labels.title")}</Label>
          {errorText("title")}
          <input id="f-title" name="title" type="text" defaultValue={values.title} maxLength={200} aria-invalid={invalid("title")} aria-describedby={described("title")} aria-required="true" />
        </div>
        <SimilarPractices formRef={formRef} initial={similar} practiceId={draftId} />
        <div className="field">
          <Label htmlFor="f-summary" name="summary">{t("form.labels.summary")}</Label>
          <p className="hint" id="f-summary-hint">{t("form.hints.summary", { max: MAX_SUMMARY })}</p>
          {errorText("summary")}
          <textarea id="f-summary" name="summary" rows={4} defaultValue={values.summary} aria-invalid={invalid("summary")} aria-describedby={described("summary", true)} aria-required="true" />
        </div>
        <div className="field">
          <Label htmlFor="f-language" name="language">{t("form.labels.language")}</Label>
          <p className="hint" id="f-language-hint">{t("form.hints.language")}</p>
          {errorText("language")}
          <select id="f-language" name="language" defaultValue={values.language} aria-invalid={invalid("language")} aria-describedby={described("language", true)}>
            {contentLanguages.map((l) => (
              <option key={l} value={l}>{label.language(l)}</option>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("form.steps.content")}</legend>
        <p className="hint">{t("form.hints.richText")}</p>
        {practiceSectionKeys.map((k) => (
          <RichTextField
            key={k}
            name={k}
            label={t(`sections.${k}`)}
            hint={t(`form.hints.sections.${k}`)}
            required={isRequired(k)}
            defaultText={values.sections[k]?.text ?? ""}
            defaultState={values.sections[k]?.state || undefined}
            error={err(k)}
          />
        ))}
      </fieldset>

      <fieldset>
        <legend>{t("form.steps.who")}</legend>
        <div className="field">
          <Label htmlFor="f-organizations" name="organizations">{t("form.labels.organizations")}</Label>
          <p className="hint" id="f-organizations-hint">{t("form.hints.onePerLine")}</p>
          {errorText("organizations")}
          <textarea id="f-organizations" name="organizations" rows={3} defaultValue={values.organizations} aria-invalid={invalid("organizations")} aria-describedby={described("organizations", true)} aria-required="true" />
        </div>
        <div className="field">
          <Label htmlFor="f-partners" name="partners">{t("form.labels.partners")}</Label>
          <p className="hint" id="f-partners-hint">{t("form.hints.onePerLine")}</p>
          <textarea id="f-partners" name="partners" rows={3} defaultValue={values.partners} aria-describedby="f-partners-hint" />
        </div>
        <fieldset className="field checkbox-grid" id="f-stakeholderTypes" aria-describedby={described("stakeholderTypes")}>
          <Legend name="stakeholderTypes">{t("form.labels.stakeholderTypes")}</Legend>
          {errorText("stakeholderTypes")}
          {stakeholderTypes.map((s) => (
            <div key={s} className="check">
              <input type="checkbox" id={`f-st-${s}`} name="stakeholderTypes" value={s} defaultChecked={values.stakeholderTypes.includes(s)} />
              <label htmlFor={`f-st-${s}`}>{label.stakeholderType(s)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <Label htmlFor="f-contactName" name="contactName">{t("form.labels.contactName")}</Label>
          {errorText("contactName")}
          <input id="f-contactName" name="contactName" type="text" autoComplete="name" defaultValue={values.contactName} aria-invalid={invalid("contactName")} aria-describedby={described("contactName")} aria-required="true" />
        </div>
        <div className="field">
          <Label htmlFor="f-contactEmail" name="contactEmail">{t("form.labels.contactEmail")}</Label>
          {errorText("contactEmail")}
          <input id="f-contactEmail" name="contactEmail" type="email" autoComplete="email" defaultValue={values.contactEmail} aria-invalid={invalid("contactEmail")} aria-describedby={described("contactEmail")} />
        </div>
        <div className="field checkbox-field">
          <input id="f-contactPublic" name="contactPublic" type="checkbox" value="1" defaultChecked={values.contactPublic} aria-describedby="f-contactPublic-hint" />
          <label htmlFor="f-contactPublic">{t("form.labels.contactPublic")}</label>
          <p className="hint" id="f-contactPublic-hint">
            {t("form.hints.contactPublic")}
          </p>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("form.steps.where")}</legend>
        <CountryPicker
          id="f-countries"
          name="countries"
          defaultValue={values.countries}
          legend={<Legend name="countries">{t("form.labels.countries")}</Legend>}
          label={<Label htmlFor="f-countries" name="countries">{t("form.labels.countries")}</Label>}
          labelText={t("form.labels.countries")}
          hint={t("form.hints.countries")}
          error={errorText("countries")}
          invalid={invalid("countries")}
          errorId="f-countries-error"
        />
        <fieldset className="field" id="f-scope" aria-describedby={described("scope")}>
          <Legend name="scope">{t("form.labels.scope")}</Legend>
          {errorText("scope")}
          {scopes.map((s) => (
            <div key={s} className="check">
              <input type="radio" id={`f-scope-${s}`} name="scope" value={s} defaultChecked={values.scope === s} />
              <label htmlFor={`f-scope-${s}`}>{label.scope(s)}</label>
            </div>
          ))}
        </fieldset>
      </fieldset>

      <CallSelect calls={calls} value={values.callId ?? ""} error={errors.callId} errorCall={errorCall} />
      <fieldset>
        <legend>{t("form.steps.gcm")}</legend>
        <fieldset className="field checkbox-grid" id="f-objectives" onChange={onObjectivesChange} aria-describedby={["f-objectives-hint", errors.objectives ? "f-objectives-error" : ""].filter(Boolean).join(" ")}>
          <Legend name="objectives">{t("form.labels.objectives")}</Legend>
          <p className="hint" id="f-objectives-hint">{t("form.hints.atLeastOne")}</p>
          {errorText("objectives")}
          {objectives.map((n) => (
            <div key={n} className="check">
              <input type="checkbox" id={`f-obj-${n}`} name="objectives" value={n} defaultChecked={values.objectives.includes(String(n))} />
              <label htmlFor={`f-obj-${n}`}>{label.objective(n)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset className="field checkbox-grid" id="f-principles" aria-describedby={["f-principles-hint", errors.principles ? "f-principles-error" : ""].filter(Boolean).join(" ")}>
          <Legend name="principles">{t("form.labels.principles")}</Legend>
          <p className="hint" id="f-principles-hint">{t("form.hints.atLeastOne")}</p>
          {errorText("principles")}
          {principles.map((p) => (
            <div key={p} className="check">
              <input type="checkbox" id={`f-pr-${p}`} name="principles" value={p} defaultChecked={values.principles.includes(p)} />
              <label htmlFor={`f-pr-${p}`}>{label.principle(p)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset className="field sdg-targets" id="f-sdgTargets" aria-describedby={["f-sdgTargets-hint", "f-sdgTargets-suggested", errors.sdgTargets ? "f-sdgTargets-error" : ""].filter(Boolean).join(" ")}>
          <Legend name="sdgTargets">{t("form.labels.sdgTargets")}</Legend>
          <p className="hint" id="f-sdgTargets-hint">{t("form.hints.sdgTargets")}</p>
          <p className="hint" id="f-sdgTargets-suggested" aria-live="polite">
            {suggestions.size
              ? `${t("form.hints.sdgSuggestedTitle")}: ${[...suggestions.keys()].join(", ")}`
              : t("form.hints.sdgNoSuggestion")}
          </p>
          {errorText("sdgTargets")}
          {sdgTargetList.map((target) => {
            const by = suggestions.get(target.id);
            return (
              <div key={target.id} className={by ? "check suggested" : "check"}>
                <input type="checkbox" id={`f-sdg-${target.id}`} name="sdgTargets" value={target.id} defaultChecked={values.sdgTargets.includes(target.id)} aria-describedby={by ? `f-sdg-${target.id}-why` : undefined} />
                <label htmlFor={`f-sdg-${target.id}`}>{label.sdgTarget(target.id)}</label>
                {by ? (
                  <span className="suggestion" id={`f-sdg-${target.id}-why`}>
                    {" "}({t("form.hints.sdgSuggestedFor", { objectives: by.join(", ") })})
                  </span>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      </fieldset>

      <fieldset>
        <legend>{t("form.steps.implementation")}</legend>
        <div className="field">
          <Label htmlFor="f-startDate" name="startDate">{t("form.labels.startDate")}</Label>
          {errorText("startDate")}
          <input id="f-startDate" name="startDate" type="date" defaultValue={values.startDate} aria-invalid={invalid("startDate")} aria-describedby={described("startDate")} />
        </div>
        <div className="field">
          <Label htmlFor="f-endDate" name="endDate">{t("form.labels.endDate")}</Label>
          {errorText("endDate")}
          <input id="f-endDate" name="endDate" type="date" defaultValue={values.endDate} aria-invalid={invalid("endDate")} aria-describedby={described("endDate")} />
        </div>
        <fieldset className="field" id="f-implementationStatus" aria-describedby={described("implementationStatus")}>
          <Legend name="implementationStatus">{t("form.labels.implementationStatus")}</Legend>
          {errorText("implementationStatus")}
          {implementationStatuses.map((s) => (
            <div key={s} className="check">
              <input type="radio" id={`f-is-${s}`} name="implementationStatus" value={s} defaultChecked={values.implementationStatus === s} />
              <label htmlFor={`f-is-${s}`}>{label.implementationStatus(s)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <Label htmlFor="f-budgetRange" name="budgetRange">{t("form.labels.budgetRange")}</Label>
          {errorText("budgetRange")}
          <select id="f-budgetRange" name="budgetRange" defaultValue={values.budgetRange} aria-invalid={invalid("budgetRange")} aria-describedby={described("budgetRange")}>
            {budgetRanges.map((b) => (
              <option key={b} value={b}>{label.budgetRange(b)}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <Label htmlFor="f-fundingSource" name="fundingSource">{t("form.labels.fundingSource")}</Label>
          {errorText("fundingSource")}
          <input id="f-fundingSource" name="fundingSource" type="text" maxLength={200} defaultValue={values.fundingSource} aria-invalid={invalid("fundingSource")} aria-describedby={described("fundingSource")} />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("form.steps.links")}</legend>
        <p className="hint" id="f-links-hint">{t("form.hints.links", { max: MAX_LINKS })}</p>
        {linkRows.map((l, i) => (
          <div key={i} className="link-row">
            <div className="field">
              <label htmlFor={`f-linkTitle-${i}`}>{t("form.labels.linkTitle", { n: i + 1 })}</label>
              {errorText(`linkTitle-${i}`)}
              <input id={`f-linkTitle-${i}`} name={`linkTitle-${i}`} type="text" maxLength={200} defaultValue={l.title} aria-invalid={invalid(`linkTitle-${i}`)} aria-describedby={described(`linkTitle-${i}`)} />
            </div>
            <div className="field">
              <label htmlFor={`f-linkUrl-${i}`}>{t("form.labels.linkUrl", { n: i + 1 })}</label>
              {errorText(`linkUrl-${i}`)}
              <input id={`f-linkUrl-${i}`} name={`linkUrl-${i}`} type="url" inputMode="url" defaultValue={l.url} aria-invalid={invalid(`linkUrl-${i}`)} aria-describedby={described(`linkUrl-${i}`) ?? "f-links-hint"} />
            </div>
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t("form.steps.evidence")}</legend>
        <fieldset className="field" id="f-evidenceLevel" aria-describedby={["f-evidenceLevel-hint", errors.evidenceLevel ? "f-evidenceLevel-error" : ""].filter(Boolean).join(" ")}>
          <Legend name="evidenceLevel">{t("form.labels.evidenceLevel")}</Legend>
          <p className="hint" id="f-evidenceLevel-hint">{t("form.hints.evidenceLevel")}</p>
          {errorText("evidenceLevel")}
          {evidenceLevels.map((lv) => (
            <div key={lv} className="check">
              <input type="radio" id={`f-ev-${lv}`} name="evidenceLevel" value={lv} defaultChecked={(values.evidenceLevel || "not-assessed") === lv} aria-describedby={`f-ev-${lv}-def`} />
              <label htmlFor={`f-ev-${lv}`}>{label.evidenceLevel(lv)}</label>
              <span className="hint" id={`f-ev-${lv}-def`}> — {t(`evidence.definition.${lv}`)}</span>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <Label htmlFor="f-evaluationUrl" name="evaluationUrl">{t("form.labels.evaluationUrl")}</Label>
          <p className="hint" id="f-evaluationUrl-hint">{t("form.hints.evaluationUrl")}</p>
          {errorText("evaluationUrl")}
          <input id="f-evaluationUrl" name="evaluationUrl" type="url" inputMode="url" defaultValue={values.evaluationUrl} aria-invalid={invalid("evaluationUrl")} aria-describedby={described("evaluationUrl", true)} />
        </div>
        <fieldset className="field" id="f-outcomes" aria-describedby="f-outcomes-hint">
          <legend>{t("form.labels.outcomes")}</legend>
          <p className="hint" id="f-outcomes-hint">{t("form.hints.outcomes", { max: MAX_OUTCOMES })}</p>
          {outcomeRows.map((o, i) => (
            <div key={i} className="outcome-row">
              {(["indicator", "baseline", "result", "year", "source"] as const).map((k) => {
                const name = `outcome${k[0].toUpperCase()}${k.slice(1)}-${i}`;
                return (
                  <div key={k} className="field">
                    <label htmlFor={`f-${name}`}>{t(`form.labels.outcome${k[0].toUpperCase()}${k.slice(1)}`, { n: i + 1 })}</label>
                    {errorText(name)}
                    <input
                      id={`f-${name}`}
                      name={name}
                      type="text"
                      inputMode={k === "year" ? "numeric" : undefined}
                      maxLength={k === "year" ? 4 : k === "source" ? 300 : 200}
                      defaultValue={o[k]}
                      aria-invalid={invalid(name)}
                      aria-describedby={described(name)}
                    />
                  </div>
                );
              })}
            </div>
          ))}
        </fieldset>
        <fieldset className="field" id="f-peopleReached">
          <legend>{t("form.labels.peopleReached")}</legend>
          <div className="field">
            <label htmlFor="f-peopleCount">{t("form.labels.peopleCount")}</label>
            <p className="hint" id="f-peopleCount-hint">{t("form.hints.peopleCount")}</p>
            {errorText("peopleCount")}
            <input id="f-peopleCount" name="peopleCount" type="text" inputMode="numeric" defaultValue={values.peopleCount} aria-invalid={invalid("peopleCount")} aria-describedby={described("peopleCount", true)} />
          </div>
          <div className="field">
            <label htmlFor="f-peopleWho">{t("form.labels.peopleWho")}</label>
            {errorText("peopleWho")}
            <input id="f-peopleWho" name="peopleWho" type="text" maxLength={200} defaultValue={values.peopleWho} aria-invalid={invalid("peopleWho")} aria-describedby={described("peopleWho")} />
          </div>
        </fieldset>
      </fieldset>

      <div className="form-actions">
        <button type="submit" name="intent" value="save" className="secondary">
          {t("form.saveDraft")}
        </button>
        {canSubmit ? (
          <button type="submit" name="intent" value="submit">
            {t("form.submitForReview")}
          </button>
        ) : null}
        <p role="status" aria-live="polite" className="autosave-status">
          {status}
        </p>
      </div>
    </Form>
  );
}
