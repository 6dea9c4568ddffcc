// pt-BR strings of click-to-WhatsApp ads: the ad a lead came from (inbox header, lead page).
export const whatsappAds = {
  ad: "Anúncio",
  adTitle: "O lead chegou por um anúncio de clique para o WhatsApp",
  adId: "ID do anúncio",
  post: "Publicação",
  openAd: "Ver anúncio",
  clickId: "ID do clique (ctwa_clid)",
  /** What the chart and CSV call an ad without a headline. */
  unnamed: (id: string) => `Anúncio ${id}`,
};
