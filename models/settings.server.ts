// Site settings an administrator can change: one small collection of key → value documents.
import mongoose, { Schema, type Model } from "mongoose";
import { connectDb } from "./db.server";

interface SettingDoc {
  key: string;
  value: string;
  updatedAt: Date;
}

const settingSchema = new Schema<SettingDoc>({
  key: { type: String, required: true, unique: true },
  value: { type: String, default: "" },
  updatedAt: { type: Date, default: () => new Date() },
});

export const Setting: Model<SettingDoc> = (mongoose.models.Setting as Model<SettingDoc>) ?? mongoose.model<SettingDoc>("Setting", settingSchema);

/** The licence the open data (exports, read API) is published under. */
export interface DataLicence {
  name: string;
  url: string;
}

export const DEFAULT_LICENCE: DataLicence = { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" };

export async function getDataLicence(): Promise<DataLicence> {
  await connectDb();
  const rows = await Setting.find({ key: { $in: ["licence.name", "licence.url"] } }).lean();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  return { name: byKey.get("licence.name") || DEFAULT_LICENCE.name, url: byKey.get("licence.url") ?? DEFAULT_LICENCE.url };
}

export async function setDataLicence(licence: DataLicence): Promise<void> {
  await connectDb();
  const now = new Date();
  for (const [key, value] of [["licence.name", licence.name], ["licence.url", licence.url]] as const) {
    await Setting.updateOne({ key }, { $set: { value, updatedAt: now } }, { upsert: true });
  }
}
