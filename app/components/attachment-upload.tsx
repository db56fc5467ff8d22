// The upload form of a practice's files. Without JavaScript it is a plain multipart form; with
// it, the same form is sent with XMLHttpRequest so the member sees its progress, and the answer
// (field errors, or where to go) comes back as the route's data.
import { Form, useNavigate } from "@remix-run/react";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { acceptAttribute } from "../../models/attachment-rules";
import { CsrfField } from "./csrf-field";

export interface UploadResult {
  errors: Record<string, string>;
  values: { alt: string; cover: boolean };
}

const ROUTE_ID = "routes/practices.$id.attachments";

export function AttachmentUpload({ result, onResult, maxMb, maxAlt }: { result: UploadResult | null; onResult: (r: UploadResult | null) => void; maxMb: number; maxAlt: number }) {
  const { t } = useTranslation(["practices", "common"]);
  const navigate = useNavigate();
  const [progress, setProgress] = useState<number | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const errors = result?.errors ?? {};
  const values = result?.values ?? { alt: "", cover: false };
  const errorNames = Object.keys(errors);

  const show = (r: UploadResult) => {
    onResult(r);
    requestAnimationFrame(() => summary.current?.focus());
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const form = e.currentTarget;
    e.preventDefault();
    const data = new FormData(form);
    const current = { alt: String(data.get("alt") ?? ""), cover: data.get("cover") === "1" };
    const file = data.get("file");
    if (file instanceof File && file.size > maxMb * 1024 * 1024) {
      show({ errors: { file: t("attachments.errors.tooLarge", { mb: maxMb }) }, values: current });
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${window.location.pathname}?_data=${encodeURIComponent(ROUTE_ID)}`);
    // Field errors come back as a 200 with the errors (a 4xx would be a console error).
    xhr.setRequestHeader("X-Hub-Upload", "script");
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setProgress(ev.loaded / ev.total);
    };
    const failed = () => {
      setProgress(null);
      show({ errors: { file: t("attachments.errors.failed") }, values: current });
    };
    xhr.onerror = failed;
    xhr.onload = () => {
      setProgress(null);
      const to = xhr.getResponseHeader("X-Remix-Redirect");
      if (to) {
        onResult(null);
        form.reset();
        navigate(to);
        return;
      }
      try {
        const r = JSON.parse(xhr.responseText) as UploadResult;
        if (r && typeof r === "object" && r.errors) show({ errors: r.errors, values: r.values ?? current });
        else failed();
      } catch {
        failed();
      }
    };
    setProgress(0);
    xhr.send(data);
  };

  return (
    <Form method="post" encType="multipart/form-data" className="stack attachment-upload" onSubmit={onSubmit} aria-labelledby="upload-title">
      <h2 id="upload-title">{t("attachments.uploadTitle")}</h2>
      {errorNames.length ? (
        <div className="error-summary" role="alert" aria-labelledby="upload-errors-title" tabIndex={-1} ref={summary}>
          <h3 id="upload-errors-title">{t("form.errorSummary", { ns: "common" })}</h3>
          <ul>
            {errorNames.map((name) => (
              <li key={name}>
                <a href={`#f-${name}`}>
                  {t(`attachments.labels.${name}`)}: {errors[name]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <CsrfField />
      <input type="hidden" name="intent" value="upload" />
      <div className="field">
        <label htmlFor="f-file">{t("attachments.labels.file")}</label>
        <p className="hint" id="f-file-hint">
          {t("attachments.fileHint", { mb: maxMb })}
        </p>
        <input
          id="f-file"
          name="file"
          type="file"
          accept={acceptAttribute}
          required
          aria-describedby={errors.file ? "f-file-hint f-file-error" : "f-file-hint"}
          aria-invalid={errors.file ? true : undefined}
        />
        {errors.file ? (
          <p className="field-error" id="f-file-error">
            {errors.file}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="f-alt">{t("attachments.labels.alt")}</label>
        <p className="hint" id="f-alt-hint">
          {t("attachments.altHint")}
        </p>
        <input
          id="f-alt"
          name="alt"
          type="text"
          maxLength={maxAlt}
          defaultValue={values.alt}
          key={`alt-${values.alt}`}
          aria-describedby={errors.alt ? "f-alt-hint f-alt-error" : "f-alt-hint"}
          aria-invalid={errors.alt ? true : undefined}
        />
        {errors.alt ? (
          <p className="field-error" id="f-alt-error">
            {errors.alt}
          </p>
        ) : null}
      </div>
      <label className="check">
        <input type="checkbox" name="cover" value="1" defaultChecked={values.cover} key={`cover-${values.cover}`} /> {t("attachments.labels.cover")}
      </label>
      <button type="submit" disabled={progress !== null}>
        {t("attachments.upload")}
      </button>
      {progress !== null ? (
        <p className="upload-progress">
          <label htmlFor="upload-progress">{t("attachments.progress")}</label>{" "}
          <progress id="upload-progress" max={100} value={Math.round(progress * 100)}>
            {Math.round(progress * 100)} %
          </progress>{" "}
          <span role="status">{Math.round(progress * 100)} %</span>
        </p>
      ) : null}
    </Form>
  );
}
