import mongoose, { Schema, type InferSchemaType, type Model, Types } from "mongoose";

const organizationSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    nameKey: { type: String, required: true, unique: true }, // lower-cased name, for de-duplication
    type: { type: String, default: "other" },
    country: { type: String, default: "" },
    website: { type: String, default: "" },
  },
  { timestamps: true },
);

export type OrganizationDoc = InferSchemaType<typeof organizationSchema> & { _id: Types.ObjectId };
export const Organization: Model<OrganizationDoc> =
  (mongoose.models.Organization as Model<OrganizationDoc>) ?? mongoose.model<OrganizationDoc>("Organization", organizationSchema);

/** Finds an organization by name or creates it. */
export async function findOrCreateOrganization(name: string, extra: { type?: string; country?: string; website?: string } = {}) {
  const nameKey = name.trim().toLowerCase();
  const existing = await Organization.findOne({ nameKey });
  if (existing) return existing;
  try {
    return await Organization.create({ name: name.trim(), nameKey, ...extra });
  } catch {
    return (await Organization.findOne({ nameKey }))!;
  }
}
