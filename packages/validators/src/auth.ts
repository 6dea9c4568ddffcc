import { z } from "zod";
import { slugSchema } from "./tenancy";

export const emailSchema = z.string().trim().toLowerCase().max(255, "E-mail longo demais.").pipe(z.email("Informe um e-mail válido."));
export const passwordSchema = z
  .string()
  .min(8, "A senha deve ter pelo menos 8 caracteres.")
  .max(128, "A senha deve ter no máximo 128 caracteres.");
export const personNameSchema = z.string().trim().min(2, "Informe seu nome.").max(255);

export const signupInput = z.object({
  companyName: z.string().trim().min(2, "Informe o nome da empresa.").max(255),
  slug: slugSchema,
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SignupInput = z.infer<typeof signupInput>;

/** A second factor as typed: an app's 6 digits or a recovery code (`xxxxx-xxxxx`), spaces allowed. */
export const twoFactorCodeSchema = z.string().trim().min(1, "Digite o código.").max(32, "Código inválido.");
export const loginInput = z.object({ email: emailSchema, password: z.string().min(1, "Informe a senha.").max(128), code: z.string().trim().max(32).optional() });
export const tokenInput = z.object({ token: z.string().min(20, "Link inválido ou incompleto.").max(200, "Link inválido.") });
export const forgotPasswordInput = z.object({ email: emailSchema });
export const findWorkspaceInput = z.object({ email: emailSchema });
export const resetPasswordInput = z.object({ token: z.string().min(20, "Link inválido ou incompleto.").max(200, "Link inválido."), password: passwordSchema });
export const acceptInviteInput = z.object({ token: z.string().min(20, "Link inválido ou incompleto.").max(200, "Link inválido."), name: personNameSchema, password: passwordSchema });
export const changePasswordInput = z.object({ currentPassword: z.string().min(1, "Informe a senha atual.").max(128, "A senha deve ter no máximo 128 caracteres."), newPassword: passwordSchema });
export const updateProfileInput = z.object({ name: personNameSchema });
export const endSessionInput = z.object({ sessionId: z.uuid() });
export const requestEmailChangeInput = z.object({ newEmail: emailSchema, password: z.string().min(1, "Informe a sua senha.").max(128, "A senha deve ter no máximo 128 caracteres.") });
export const twoFactorStartInput = z.object({ password: z.string().min(1, "Informe a sua senha.").max(128, "A senha deve ter no máximo 128 caracteres.") });
export const twoFactorConfirmInput = z.object({ code: z.string().trim().regex(/^\d{3} ?\d{3}$/, "Digite os 6 dígitos do aplicativo.") });
/** Turning 2FA off and a new set of recovery codes: the password and a current code (or a recovery code). */
export const twoFactorVerifyInput = z.object({ password: z.string().min(1, "Informe a sua senha.").max(128, "A senha deve ter no máximo 128 caracteres."), code: twoFactorCodeSchema });
