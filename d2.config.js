/** @type {import('@dhis2/cli-app-scripts').D2Config} */
const config = {
    type: 'app',
    name: 'dyad',
    title: 'Dyad',
    description:
        'Dyad (Dyade) — soins intégrés du couple mère–nourrisson : PF du post-partum, SMNI et nutrition (modèle INSPiRE, approche MAMI). ' +
        'Integrated care of the mother–infant pair: post-partum family planning, maternal, newborn and child health and nutrition (INSPiRE model, MAMI approach).',
    author: 'Dyad contributors',
    entryPoints: {
        app: './src/App.tsx',
        plugin: './src/Plugin.tsx',
    },
    pluginType: 'DASHBOARD',
    minDHIS2Version: '2.40',
    dataStoreNamespace: 'dyad',
    dir: 'ltr',
    // src/ imports metadata/ (vocabulary, the metadata bundle): see vite.extensions.mjs
    viteConfigExtensions: './vite.extensions.mjs',
}

module.exports = config
