/** Given names and family names common in Mali, Burkina Faso and Niger (synthetic persons only). */
export const FEMALE_NAMES = [
  'Aminata', 'Fatoumata', 'Mariam', 'Awa', 'Kadiatou', 'Oumou', 'Aïssata', 'Hawa', 'Djénéba', 'Assitan',
  'Rokia', 'Salimata', 'Bintou', 'Nana', 'Korotoumou', 'Kadidia', 'Fanta', 'Ramata', 'Safiatou', 'Maïmouna',
  'Aïcha', 'Zeïnabou', 'Hadizatou', 'Mariama', 'Fadimata', 'Halimatou', 'Coumba', 'Sitan', 'Ténin', 'Aïssa',
  'Habibatou', 'Rahmatou', 'Balkissa', 'Mouna', 'Adiaratou', 'Tata', 'Nassira', 'Wassa', 'Djata', 'Lalla',
]
export const MALE_NAMES = [
  'Moussa', 'Mamadou', 'Oumar', 'Ibrahim', 'Souleymane', 'Boubacar', 'Seydou', 'Modibo', 'Bakary', 'Abdoulaye',
  'Issa', 'Amadou', 'Sékou', 'Yacouba', 'Lassina', 'Drissa', 'Mahamadou', 'Alhousseini', 'Hamidou', 'Ousmane',
  'Adama', 'Siaka', 'Baba', 'Cheick', 'Aboubacar', 'Salif', 'Karim', 'Youssouf', 'Harouna', 'Tiémoko',
]
export const FAMILY_NAMES = [
  'Traoré', 'Coulibaly', 'Diarra', 'Keïta', 'Koné', 'Sangaré', 'Touré', 'Maïga', 'Cissé', 'Dembélé',
  'Sidibé', 'Diallo', 'Sissoko', 'Konaté', 'Doumbia', 'Kanté', 'Bagayoko', 'Cissoko', 'Haïdara', 'Ag Mohamed',
  'Sow', 'Ba', 'Tangara', 'Samaké', 'Guindo', 'Dicko', 'Dolo', 'Togo', 'Berthé', 'Ouédraogo',
  'Sawadogo', 'Kaboré', 'Zongo', 'Issoufou', 'Abdou', 'Moussa', 'Garba', 'Mahamane', 'Daou', 'Kouyaté',
]
export const VILLAGES = [
  'Badala', 'Banconi', 'Djélibougou', 'Falaba', 'Hamdallaye', 'Kalaban-Coro', 'Kognini', 'Missira', 'Niaréla',
  'Sabalibougou', 'Sogoniko', 'Yirimadio', 'Bamba', 'Dioro', 'Kassela', 'Koro', 'Siby', 'Tamani', 'Konna',
  'Sévaré', 'Fatoma', 'Ber', 'Sonni', 'Tienfala', 'Fana', 'Baguinéda', 'Kolondiéba', 'Wani', 'Bourem-Inaly', 'Tacharane',
]
