import React from 'react'
const SetupPage = () => <div />
export default SetupPage
